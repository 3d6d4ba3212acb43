package dev.kairos.cli;

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
    return new CommandLine(new KairosCommand()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
