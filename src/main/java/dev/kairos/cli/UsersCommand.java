package dev.kairos.cli;

import dev.kairos.app.StandaloneDatabase;
import dev.kairos.console.Accounts;
import dev.kairos.console.LoginThrottle;
import dev.kairos.console.PasswordHasher;
import dev.kairos.console.store.SessionStore;
import dev.kairos.console.store.UserStore;
import dev.kairos.platform.KairosConfig;
import dev.kairos.platform.KairosException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kairos users}: console users made from the command line (the first admin, say). */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = "Manage console users.",
    subcommands = {UsersCommand.Create.class})
public final class UsersCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Create a console user. The password is asked for at the terminal, or read from the first"
            + " line of standard input (echo \"$PASSWORD\" | kairos users create ...).",
        "Stop the server first when it uses the embedded database (or use POST /api/users)."
      })
  static final class Create implements Callable<Integer> {
    private final java.util.Map<String, String> env;
    private final java.io.InputStream stdin;

    Create() {
      this(System.getenv(), System.in);
    }

    Create(java.util.Map<String, String> env, java.io.InputStream stdin) {
      this.env = env;
      this.stdin = stdin;
    }

    @Option(names = "--email", required = true, description = "The user's email (their sign-in).")
    String email;

    @Option(names = "--role", required = true, description = "admin, marketer or analyst.")
    String role;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      String password;
      try {
        password = password(err, stdin);
      } catch (IOException e) {
        err.println("kairos users create: cannot read the password: " + e.getMessage());
        return 2;
      }
      if (password == null) {
        err.println(
            "kairos users create: no password given (type it, or send it on standard input)");
        return 2;
      }
      try (StandaloneDatabase db = StandaloneDatabase.open(KairosConfig.from(env))) {
        Clock clock = Clock.systemUTC();
        Accounts accounts =
            new Accounts(
                new UserStore(db.database()),
                new SessionStore(db.database()),
                PasswordHasher.DEFAULT,
                LoginThrottle.standard(clock),
                clock);
        Accounts.Creation outcome = accounts.create(email, role, password);
        if (outcome instanceof Accounts.Creation.Created created) {
          out.println(
              "Created console user "
                  + created.user().email()
                  + " ("
                  + created.user().role().key()
                  + ").");
          return 0;
        }
        if (outcome instanceof Accounts.Creation.Rejected rejected) {
          String what = rejected.field().equals("password") ? "" : "--" + rejected.field() + ": ";
          err.println("kairos users create: " + what + rejected.message());
        } else if (outcome instanceof Accounts.Creation.Taken taken) {
          err.println(
              "kairos users create: --email: a user with email " + taken.email() + " exists");
        }
        return 1;
      } catch (KairosException e) {
        err.println("kairos users create: " + e.getMessage());
        return 1;
      }
    }

    /** Asked twice at a terminal; else the first line of standard input. */
    private static String password(PrintWriter err, java.io.InputStream stdin) throws IOException {
      Console console = System.console();
      if (console != null && stdin == System.in) {
        char[] first =
            console.readPassword(
                "Password (at least %d characters): ", Accounts.MIN_PASSWORD_LENGTH);
        char[] again = console.readPassword("Password again: ");
        if (first == null || again == null || !Arrays.equals(first, again)) {
          err.println("kairos users create: the passwords differ");
          return null;
        }
        return new String(first);
      }
      BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
      return in.readLine();
    }
  }
}
