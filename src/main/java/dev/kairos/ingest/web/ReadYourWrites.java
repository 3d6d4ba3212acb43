package dev.kairos.ingest.web;

import dev.kairos.ingest.EventWatermark;
import dev.kairos.platform.http.HttpProblem;
import io.javalin.http.Context;
import java.time.Duration;

/**
 * Events are applied to profiles a moment after the tracking API answers. A management API request
 * first waits (up to {@link #PATIENCE}) until every event this node acknowledged before it is
 * applied, so that a profile read after a {@code 2xx} shows the events it acknowledged. When the
 * processor is further behind than that, the request is answered with what is applied and the
 * header {@code Kairos-Processing-Lag} says how many events are still to come.
 */
public final class ReadYourWrites {
  static final Duration PATIENCE = Duration.ofSeconds(5);
  static final String LAG_HEADER = "Kairos-Processing-Lag";

  private final EventWatermark watermark;

  public ReadYourWrites(EventWatermark watermark) {
    this.watermark = watermark;
  }

  /** Waits until the events acknowledged before this request are applied (or patience ends). */
  public void await(Context ctx) {
    try {
      if (!watermark.awaitCaughtUp(PATIENCE)) {
        ctx.header(LAG_HEADER, Long.toString(watermark.lag()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HttpProblem(503, "unavailable", "the server is shutting down", null, null);
    }
  }
}
