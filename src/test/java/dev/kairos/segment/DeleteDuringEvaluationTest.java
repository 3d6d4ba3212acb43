package dev.kairos.segment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.db.Database;
import dev.kairos.platform.http.Json;
import dev.kairos.segment.store.MembershipStore;
import dev.kairos.segment.store.Reevaluation;
import dev.kairos.segment.store.SegmentFeed;
import dev.kairos.segment.store.SegmentStore;
import dev.kairos.segment.store.sql.PersonLoader;
import dev.kairos.testing.Await;
import dev.kairos.testing.SettableClock;
import dev.kairos.testing.TestServer;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A person deleted while an evaluation of them is in flight (loaded, verdict recorded, not yet
 * committed) leaves no membership, feed row or deadline behind: the delete waits for the
 * evaluation's person lock and then deletes what it stored.
 */
class DeleteDuringEvaluationTest {
  static final SettableClock CLOCK = new SettableClock(Instant.parse("2026-05-04T09:00:00Z"));
  static TestServer server;
  static SegmentHttp http;

  @BeforeAll
  static void start() {
    server = TestServer.start(CLOCK, Map.of("KAIROS_SEGMENTS_BUILT_IN", "off"));
    http = new SegmentHttp(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void a_person_deleted_during_an_evaluation_that_enters_them_keeps_no_segment_rows()
      throws Exception {
    http.create(
        "{\"key\":\"in_skye\",\"name\":\"In Skye\",\"condition\":"
            + "{\"trait\":\"city\",\"op\":\"eq\",\"value\":\"Skye\"}}");
    http.awaitRecomputed("in_skye");
    server.trackOk("/v1/identify", "{\"userId\":\"skye-1\",\"traits\":{\"city\":\"Portree\"}}");
    server.awaitApplied();
    UUID id = http.profileId("userId:skye-1");
    assertThat(http.isMember(id, "in_skye")).isFalse();
    // changed behind the real-time path's back, so that only the evaluation below sees it
    server.execute("update profiles set traits = '{\"city\": \"Skye\"}' where id = '" + id + "'");

    Database db = server.server().database();
    SegmentCatalog catalog = new SegmentCatalog(new SegmentStore(db, Json.MAPPER)).reload();
    Reevaluation evaluation =
        new Reevaluation(
            db,
            CLOCK,
            new PersonLoader()::load,
            new Evaluation(catalog, ZoneOffset.UTC, Json.MAPPER),
            new MembershipStore(Json.MAPPER, new SegmentFeed()));
    CompletableFuture<TestServer.Response> deletion;
    try (Connection inFlight = db.dataSource().getConnection()) {
      inFlight.setAutoCommit(false);
      List<MembershipChange> changes =
          evaluation.run(
              inFlight,
              Map.of(id, List.of(catalog.find("in_skye").orElseThrow())),
              CLOCK.instant(),
              MembershipChange.Cause.EVENT);
      assertThat(changes).as("the in-flight evaluation enters them").hasSize(1);

      deletion = CompletableFuture.supplyAsync(() -> server.admin("DELETE", "/api/profiles/" + id));
      Await.until(
          () -> deletion.isDone() || deleteWaitsOnAPersonLock(),
          "the delete has finished or waits for the evaluation");
      inFlight.commit();
    }

    assertThat(deletion.get().status()).isEqualTo(200);
    for (String table : List.of("segment_memberships", "segment_changes", "segment_deadlines")) {
      assertThat(server.count("select count(*) from " + table + " where profile_id = '" + id + "'"))
          .as(table)
          .isZero();
    }
  }

  private static boolean deleteWaitsOnAPersonLock() {
    return server.count(
            "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                + " and wait_event = 'advisory' and datname = current_database()"
                + " and query like '%hashtextextended%'")
        > 0;
  }
}
