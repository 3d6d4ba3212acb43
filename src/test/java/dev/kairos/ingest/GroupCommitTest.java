package dev.kairos.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Group commit gathers calls, and one call that cannot be stored never fails its neighbours. */
class GroupCommitTest {

  /** A sink that refuses any group holding a "Poison" event, and can hold its first write. */
  static final class Sink implements EventSink<TrackedEvent> {
    final CountDownLatch firstWriteStarted = new CountDownLatch(1);
    final CountDownLatch releaseFirstWrite = new CountDownLatch(1);
    int writes;

    @Override
    public TrackedEvent prepare(TrackedEvent event) {
      return event;
    }

    @Override
    public boolean[] store(List<TrackedEvent> events) {
      if (writes++ == 0) {
        firstWriteStarted.countDown();
        try {
          releaseFirstWrite.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (events.stream().anyMatch(e -> e.name().equals("Poison"))) {
        throw new IllegalStateException("cannot store poison");
      }
      boolean[] stored = new boolean[events.size()];
      java.util.Arrays.fill(stored, true);
      return stored;
    }
  }

  static TrackedEvent event(String name) {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    return new TrackedEvent(
        name + "-" + System.nanoTime(),
        EventType.TRACK,
        name,
        "u",
        null,
        now,
        now,
        JsonNodeFactory.instance.objectNode(),
        "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void a_call_that_fails_does_not_fail_the_calls_committed_with_it() throws Exception {
    Sink sink = new Sink();
    try (GroupCommit<TrackedEvent> commit = new GroupCommit<>(sink, 5_000)) {
      CompletableFuture<Receipt> first = commit.submit(List.of(event("First")));
      assertThat(sink.firstWriteStarted.await(30, TimeUnit.SECONDS)).isTrue();
      // while the first write is held, two calls queue up and will be written as one group
      CompletableFuture<Receipt> good = commit.submit(List.of(event("Good"), event("Good")));
      CompletableFuture<Receipt> poison = commit.submit(List.of(event("Poison")));
      sink.releaseFirstWrite.countDown();

      assertThat(first.get(30, TimeUnit.SECONDS).stored()).isEqualTo(1);
      assertThat(good.get(30, TimeUnit.SECONDS).stored()).isEqualTo(2);
      assertThat(poison)
          .failsWithin(30, TimeUnit.SECONDS)
          .withThrowableOfType(ExecutionException.class);
      assertThat(sink.writes).as("the group, then each call on its own").isEqualTo(4);
    }
  }
}
