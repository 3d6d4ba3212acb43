package dev.kairos.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.RunningKairos;
import dev.kairos.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SimulatedShopTest {
  @RegisterExtension static final RunningKairos KAIROS = new RunningKairos("2026-04-01T10:00:00Z");

  @Test
  void the_demo_shop_produces_merged_customers_with_orders() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SimulatedShop shop =
        new SimulatedShop(
            KAIROS.server().baseUrl(),
            TestServer.WRITE_KEY,
            7,
            new PrintStream(log, true, StandardCharsets.UTF_8));
    int sent = 0;
    for (int i = 0; i < 120; i++) {
      sent += shop.step();
    }
    TestServer server = KAIROS.server();
    assertThat(server.count("select count(*) from events")).isEqualTo(sent);
    assertThat(server.count("select count(*) from orders")).isPositive();
    // every signed-up visitor's anonymous browsing sits on the same profile as their email
    assertThat(
            server.count(
                "select count(*) from identifiers e join identifiers a on a.profile_id = e.profile_id"
                    + " and a.kind = 'anonymousId' where e.kind = 'email'"))
        .isEqualTo(server.count("select count(*) from identifiers where kind = 'email'"))
        .isPositive();
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("signed up as")
        .contains("completed order");
  }
}
