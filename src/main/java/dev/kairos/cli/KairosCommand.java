package dev.kairos.cli;

import dev.kairos.platform.ConfigurationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kairos} command line: serve, demo, import and the model tools. */
@Command(
    name = "kairos",
    mixinStandardHelpOptions = true,
    version = "Kairos 0.1.0",
    description = "Self-hostable marketing automation for e-commerce.",
    subcommands = {
      ServeCommand.class,
      DemoCommand.class,
      ImportCommand.class,
      ClvCommand.class,
      RecommendCommand.class,
      UsersCommand.class,
      CommandLine.HelpCommand.class
    })
public final class KairosCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /**
   * The command line, answering a configuration that cannot be used with one line naming the
   * variable (no stack trace) and exit code {@value #CONFIGURATION_REFUSED}.
   */
  static CommandLine commandLine() {
    return new CommandLine(new KairosCommand())
        .setExecutionExceptionHandler(
            (e, command, parsed) -> {
              if (e instanceof ConfigurationException) {
                command
                    .getErr()
                    .println("kairos " + command.getCommandName() + ": " + e.getMessage());
                command.getErr().flush();
                return CONFIGURATION_REFUSED;
              }
              throw e;
            });
  }

  /** The exit code of a start refused for its configuration. */
  public static final int CONFIGURATION_REFUSED = 2;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
