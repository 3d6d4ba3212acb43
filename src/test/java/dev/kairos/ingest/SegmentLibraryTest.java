package dev.kairos.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Segment's own Java library, unchanged, pointed at Kairos. */
class SegmentLibraryTest {

  @Test
  void the_segment_java_library_sends_to_kairos_unchanged() throws Exception {
    try (TestServer server =
        TestServer.start(new SettableClock(Instant.parse("2026-02-02T10:00:00Z")))) {
      CountDownLatch delivered = new CountDownLatch(4);
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      Analytics analytics =
          Analytics.builder(TestServer.WRITE_KEY)
              .endpoint(server.baseUrl())
              .flushQueueSize(10)
              .callback(
                  new Callback() {
                    @Override
                    public void success(Message message) {
                      delivered.countDown();
                    }

                    @Override
                    public void failure(Message message, Throwable throwable) {
                      failures.add(throwable);
                      delivered.countDown();
                    }
                  })
              .build();
      analytics.enqueue(PageMessage.builder("Home").anonymousId("seg-anon"));
      analytics.enqueue(
          TrackMessage.builder("Product Added")
              .anonymousId("seg-anon")
              .properties(Map.of("product_id", "lamp", "price", 30, "quantity", 1)));
      analytics.enqueue(
          IdentifyMessage.builder()
              .userId("seg-user")
              .anonymousId("seg-anon")
              .traits(Map.of("email", "seg@example.com", "name", "Seg")));
      analytics.enqueue(
          TrackMessage.builder("Order Completed")
              .userId("seg-user")
              .properties(
                  Map.of(
                      "order_id",
                      "SEG-1",
                      "revenue",
                      30,
                      "products",
                      List.of(Map.of("product_id", "lamp", "price", 30, "quantity", 1)))));
      analytics.flush();
      assertThat(delivered.await(60, TimeUnit.SECONDS))
          .as("the library reported every message")
          .isTrue();
      analytics.shutdown();
      assertThat(failures).isEmpty();

      JsonNode profile = server.get("/api/profiles?identifier=email:seg@example.com").body();
      assertThat(profile.path("identifiers").findValuesAsText("value"))
          .contains("seg-user", "seg-anon", "seg@example.com");
      assertThat(profile.path("orders_count").asInt()).isEqualTo(1);
      assertThat(profile.path("revenue").decimalValue()).isEqualByComparingTo("30");
      JsonNode events =
          server.get("/api/profiles/" + profile.path("id").asText() + "/events").body();
      assertThat(events).hasSize(4);
      assertThat(events.get(0).path("context").path("library").path("name").asText())
          .isEqualTo("analytics-java");
    }
  }
}
