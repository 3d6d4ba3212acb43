package dev.kairos.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testing.Await;
import dev.kairos.testing.TestServer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's message figures: sends from the outbox, opens, clicks, unsubscribes events. */
class DashboardMessagesTest {
  static final String PASSWORD = "correct horse battery";
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Clock.systemUTC());
    server.server().modules().console().accounts().create("admin@example.com", "admin", PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String track(String event, Instant at) {
    return "{\"type\":\"track\",\"userId\":\"kpi-1\",\"event\":\""
        + event
        + "\",\"timestamp\":\""
        + at
        + "\",\"properties\":{\"message_id\":1}}";
  }

  @Test
  void the_period_counts_the_messages_sent_and_the_opens_clicks_and_unsubscribes_in_it()
      throws Exception {
    ConsoleClient admin = new ConsoleClient(server.baseUrl());
    admin.signIn("admin@example.com", PASSWORD);
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    String empty = admin.get("/?days=7&to=" + today).body();
    assertThat(empty).contains("id=\"kpi-sends\">0<").contains("id=\"kpi-opens\">0<");

    server.admin(
        "POST",
        "/api/journeys",
        "{\"key\": \"kpi\", \"trigger\": {\"event\": \"KPI Signed Up\"}, \"start\": \"hello\","
            + " \"steps\": {\"hello\": {\"type\": \"send\", \"channel\": \"email\","
            + " \"template\": \"welcome-1\", \"next\": \"exit\"}}}");
    server.admin("POST", "/api/journeys/kpi/publish");
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    server.trackOk("/v1/track", track("KPI Signed Up", now));
    Await.until(
        () -> server.count("select count(*) from messages where status = 'sandboxed'") == 1,
        "the journey's message sent to the sandbox");
    server.trackOk(
        "/v1/batch",
        "{\"batch\": ["
            + String.join(
                ",",
                track("Email Opened", now),
                track("Email Opened", now),
                track("Email Link Clicked", now),
                track("Unsubscribed", now),
                track("Email Opened", now.minus(30, ChronoUnit.DAYS)))
            + "]}");
    server.awaitApplied();

    String week = admin.get("/?days=7&to=" + today).body();
    String quarter = admin.get("/?days=90&to=" + today).body();

    assertThat(week)
        .contains("id=\"kpi-sends\">1<")
        .contains("1 to the sandbox")
        .contains("id=\"kpi-opens\">2<")
        .contains("id=\"kpi-clicks\">1<")
        .contains("id=\"kpi-unsubscribes\">1<")
        .contains("id=\"messages-title\"");
    assertThat(quarter).contains("id=\"kpi-opens\">3<");
  }
}
