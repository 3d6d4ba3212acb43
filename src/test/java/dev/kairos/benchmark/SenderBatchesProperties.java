package dev.kairos.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A sender's batches come out in the order its {@link ShopTraffic} makes them (so each person's
 * events stay in order), whether they were generated before the run, topped up during a warm-up or
 * generated live because none was ready.
 */
class SenderBatchesProperties {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpConnection.Target TARGET =
      new HttpConnection.Target("127.0.0.1", 8080, "key");
  private static final int BATCH = 5;

  @Property(tries = 200)
  void batches_come_out_in_traffic_order_however_top_ups_and_sends_interleave(
      @ForAll @Size(max = 60) List<Boolean> topUpOrSend,
      @ForAll @IntRange(min = 0, max = 8) int maxBatches) {
    SenderBatches sender = new SenderBatches(traffic(), TARGET, BATCH, maxBatches, Long.MAX_VALUE);
    List<String> sent = new ArrayList<>();
    for (boolean topUp : topUpOrSend) {
      if (topUp) {
        sender.topUp();
      } else {
        sent.add(body(sender.next(0, 0)));
      }
    }
    assertThat(sender.readyEvents()).isLessThanOrEqualTo((long) maxBatches * BATCH);
    ShopTraffic reference = traffic();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      expected.add(new String(reference.next(BATCH).body(), StandardCharsets.UTF_8));
    }
    assertThat(sent).containsExactlyElementsOf(expected);
  }

  private static ShopTraffic traffic() {
    return new ShopTraffic(MAPPER, 7, 0, 1, 50);
  }

  /** The body of a request: what follows the blank line after its head. */
  private static String body(SenderBatches.Request request) {
    String whole = new String(request.bytes(), StandardCharsets.UTF_8);
    return whole.substring(whole.indexOf("\r\n\r\n") + 4);
  }
}
