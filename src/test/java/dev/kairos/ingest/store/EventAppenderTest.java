package dev.kairos.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.ingest.Appended;
import dev.kairos.ingest.EventType;
import dev.kairos.ingest.EventWatermark;
import dev.kairos.ingest.TrackedEvent;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.db.Sql;
import dev.kairos.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The appender stores each message id once, whether it appends straight away (the unique index
 * refusing a repeat) or looks the group's ids up first, and hands the processor exactly the events
 * it stored, numbered as the log numbered them.
 */
class EventAppenderTest {
  private static Database database;
  private final List<Appended<String>> handedOver = new ArrayList<>();
  private final EventAppender<String> appender =
      new EventAppender<>(
          database, TrackedEvent::messageId, handedOver::add, new EventWatermark(), 1_000);

  @BeforeAll
  static void start() {
    database = TestDatabase.fresh();
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @Test
  void a_group_repeating_a_stored_message_id_stores_only_the_new_events() {
    assertThat(store("r-1")).containsExactly(true);
    // not looked up first: the unique index refuses the group, which is then appended looking up
    assertThat(store("r-2", "r-1", "r-3", "r-2")).containsExactly(true, false, true, false);
    assertThat(logged("r-")).containsExactly("r-1", "r-2", "r-3");
    Appended<String> last = handedOver.get(handedOver.size() - 1);
    assertThat(last.events()).containsExactly("r-2", "r-3");
    assertThat(seqOf("r-2")).isEqualTo(last.firstSeq());
    assertThat(seqOf("r-3")).isEqualTo(last.lastSeq());
  }

  @Test
  void after_a_repeat_groups_are_looked_up_until_enough_in_a_row_held_none() {
    store("l-1");
    store("l-1"); // refused, then looked up
    for (int i = 0; i < RepeatedMessageIds.CLEAN_GROUPS; i++) {
      assertThat(appender.looksUpFirst()).isTrue();
      store("l-clean-" + i);
    }
    assertThat(appender.looksUpFirst()).isFalse();
    store("l-1");
    assertThat(appender.looksUpFirst()).isTrue();
    assertThat(logged("l-1")).containsExactly("l-1");
  }

  private boolean[] store(String... messageIds) {
    List<EventAppender.Entry<String>> entries = new ArrayList<>();
    for (String id : messageIds) {
      entries.add(appender.prepare(event(id)));
    }
    return appender.store(entries);
  }

  private static TrackedEvent event(String messageId) {
    Instant at = Instant.parse("2026-05-01T10:00:00Z");
    ObjectNode payload = JsonNodeFactory.instance.objectNode().put("messageId", messageId);
    return new TrackedEvent(
        messageId,
        EventType.TRACK,
        "Clicked",
        "u",
        null,
        at,
        at,
        payload,
        payload.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> logged(String prefix) {
    return database.read(
        c ->
            Sql.list(
                c,
                "select message_id from events where message_id like ? order by seq",
                rs -> rs.getString(1),
                prefix + "%"));
  }

  private static long seqOf(String messageId) {
    return database.read(
        c ->
            Sql.list(
                    c,
                    "select seq from events where message_id = ?",
                    rs -> rs.getLong(1),
                    messageId)
                .get(0));
  }
}
