package dev.kairos.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one database take events for the same people, in turn and at the same time. Each
 * node's processor keeps profiles in memory while it holds the log's cursor; when the other node
 * has applied events in between, a stale copy must not be written back (orders would be lost from
 * the counts).
 */
class SharedDatabaseNodesTest {

  @Test
  void two_nodes_apply_every_event_once_and_agree_on_each_profile() {
    SettableClock clock = new SettableClock(Instant.parse("2026-03-02T10:00:00Z"));
    try (TestServer a = TestServer.start(clock);
        TestServer b = TestServer.start(clock, Map.of("KAIROS_DATABASE_URL", a.databaseUrl()))) {
      TestServer[] nodes = {a, b};
      int people = 5;
      int orders = 6;
      for (int p = 0; p < people; p++) {
        TestServer node = nodes[p % 2];
        node.trackOk("/v1/page", "{\"anonymousId\":\"device-" + p + "\",\"name\":\"Home\"}");
        node.awaitApplied();
        nodes[(p + 1) % 2].trackOk(
            "/v1/identify",
            "{\"userId\":\"u-"
                + p
                + "\",\"anonymousId\":\"device-"
                + p
                + "\",\"traits\":{\"email\":\"u"
                + p
                + "@example.com\"}}");
        nodes[(p + 1) % 2].awaitApplied();
      }
      for (int o = 0; o < orders; o++) {
        for (int p = 0; p < people; p++) {
          TestServer node = nodes[(o + p) % 2];
          node.trackOk(
              "/v1/track",
              "{\"userId\":\"u-"
                  + p
                  + "\",\"event\":\"Order Completed\",\"properties\":"
                  + "{\"order_id\":\"O-"
                  + p
                  + "-"
                  + o
                  + "\",\"revenue\":10}}");
          node.awaitApplied();
        }
      }
      a.awaitApplied();
      b.awaitApplied();

      for (int p = 0; p < people; p++) {
        JsonNode onA = a.profile("email:u" + p + "@example.com");
        JsonNode onB = b.profile("anonymousId:device-" + p);
        assertThat(onB.path("id")).as("one profile per person").isEqualTo(onA.path("id"));
        assertThat(onA.path("orders_count").asInt()).as("u-" + p).isEqualTo(orders);
        assertThat(onA.path("revenue").decimalValue()).isEqualByComparingTo("60");
      }
      long events = a.count("select count(*) from events");
      assertThat(events).isEqualTo(people * (2L + orders));
      assertThat(a.count("select count(*) from event_profiles"))
          .as("every event applied exactly once")
          .isEqualTo(events);
      assertThat(a.count("select applied_seq from event_cursor"))
          .isEqualTo(a.count("select max(seq) from events"));
      assertThat(a.count("select count(*) from profiles where merged_into is null"))
          .isEqualTo(people);
    }
  }

  /**
   * Both nodes take calls for the same people at the same moment, each applying what it appended
   * while the other does too: every order is counted once, on one profile per person.
   */
  @Test
  void two_nodes_taking_orders_for_the_same_people_at_once_count_each_once() throws Exception {
    SettableClock clock = new SettableClock(Instant.parse("2026-03-02T10:00:00Z"));
    try (TestServer a = TestServer.start(clock);
        TestServer b = TestServer.start(clock, Map.of("KAIROS_DATABASE_URL", a.databaseUrl()))) {
      int people = 4;
      int ordersPerNode = 25;
      for (int p = 0; p < people; p++) {
        a.trackOk("/v1/identify", "{\"userId\":\"c-" + p + "\",\"traits\":{\"plan\":\"x\"}}");
      }
      a.awaitApplied();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService senders = Executors.newFixedThreadPool(2);
      try {
        List<Future<?>> sent = new ArrayList<>();
        for (TestServer node : List.of(a, b)) {
          String name = node == a ? "A" : "B";
          sent.add(
              senders.submit(
                  () -> {
                    start.await();
                    for (int o = 0; o < ordersPerNode; o++) {
                      StringBuilder batch = new StringBuilder("{\"batch\":[");
                      for (int p = 0; p < people; p++) {
                        batch
                            .append(p == 0 ? "" : ",")
                            .append("{\"type\":\"track\",\"userId\":\"c-")
                            .append(p)
                            .append("\",\"event\":\"Order Completed\",\"properties\":")
                            .append("{\"order_id\":\"")
                            .append(name)
                            .append('-')
                            .append(p)
                            .append('-')
                            .append(o)
                            .append("\",\"revenue\":2}}");
                      }
                      node.trackOk("/v1/batch", batch.append("]}").toString());
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> f : sent) {
          f.get(120, TimeUnit.SECONDS);
        }
      } finally {
        senders.shutdownNow();
      }
      a.awaitApplied();
      b.awaitApplied();

      for (int p = 0; p < people; p++) {
        JsonNode onA = a.profile("userId:c-" + p);
        JsonNode onB = b.profile("userId:c-" + p);
        assertThat(onB.path("id")).isEqualTo(onA.path("id"));
        assertThat(onA.path("orders_count").asInt()).as("c-" + p).isEqualTo(2 * ordersPerNode);
        assertThat(onB.path("orders_count").asInt()).as("c-" + p).isEqualTo(2 * ordersPerNode);
        assertThat(onA.path("revenue").decimalValue())
            .isEqualByComparingTo(Integer.toString(4 * ordersPerNode));
      }
      long events = a.count("select count(*) from events");
      assertThat(a.count("select count(*) from event_profiles"))
          .as("every event applied exactly once")
          .isEqualTo(events);
    }
  }
}
