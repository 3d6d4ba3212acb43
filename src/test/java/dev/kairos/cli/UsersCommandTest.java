package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.console.PasswordHasher;
import dev.kairos.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class UsersCommandTest {
  static Map<String, String> env;
  static String url;

  @BeforeAll
  static void database() throws Exception {
    url = TestDatabase.freshUrl();
    env =
        Map.of(
            "KAIROS_HOME",
            Files.createTempDirectory("kairos-users").toString(),
            "KAIROS_DATABASE_URL",
            url,
            "KAIROS_DATABASE_USER",
            "postgres",
            "KAIROS_DATABASE_PASSWORD",
            TestDatabase.password());
  }

  record Result(int exit, String out, String err) {}

  private static Result create(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        new CommandLine(
                new UsersCommand.Create(
                    env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))))
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void the_first_admin_is_created_with_the_password_from_standard_input() throws Exception {
    Result result =
        create("a long admin password\n", "--email", "owner@example.com", "--role", "admin");

    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).contains("Created console user owner@example.com (admin)");
    try (var c = DriverManager.getConnection(url, "postgres", TestDatabase.password());
        var rs =
            c.createStatement()
                .executeQuery(
                    "select role, password_hash from console_users where email = 'owner@example.com'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("admin");
      assertThat(rs.getString(2)).startsWith("$argon2id$");
      assertThat(PasswordHasher.DEFAULT.verify("a long admin password", rs.getString(2))).isTrue();
    }
  }

  @Test
  void a_short_password_or_an_unknown_role_is_refused_naming_the_option() {
    Result shortPassword = create("short\n", "--email", "a@example.com", "--role", "admin");
    Result badRole =
        create("a long admin password\n", "--email", "b@example.com", "--role", "root");

    assertThat(shortPassword.exit()).isEqualTo(1);
    assertThat(shortPassword.err()).contains("password must be 12");
    assertThat(badRole.exit()).isEqualTo(1);
    assertThat(badRole.err()).contains("--role");
  }

  @Test
  void no_password_on_standard_input_creates_nothing() {
    Result result = create("", "--email", "c@example.com", "--role", "analyst");
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("no password");
  }
}
