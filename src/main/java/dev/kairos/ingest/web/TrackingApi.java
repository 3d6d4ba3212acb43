package dev.kairos.ingest.web;

import dev.kairos.ingest.CallParser;
import dev.kairos.ingest.DeletedPeople;
import dev.kairos.ingest.ErasedOrders;
import dev.kairos.ingest.EventType;
import dev.kairos.ingest.GroupCommit;
import dev.kairos.ingest.ParsedCall;
import dev.kairos.ingest.Receipt;
import dev.kairos.ingest.Rejection;
import dev.kairos.platform.Credentials;
import dev.kairos.platform.http.HttpProblem;
import dev.kairos.platform.http.RouteGroup;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

/**
 * The Segment-compatible tracking API under {@code /v1/}: track, identify, page, screen, group,
 * alias, batch and import. Answers 200 only after the events are committed.
 */
public final class TrackingApi implements RouteGroup {
  private final CallParser parser;
  private final GroupCommit<?> groupCommit;
  private final String writeKey;
  private final String adminToken;
  private final ErasedOrders erasedOrders;
  private final DeletedPeople deletedPeople;
  private final Counter accepted;
  private final Counter duplicates;
  private final Counter rejected;
  private final Counter failed;
  private final Timer commits;

  public TrackingApi(
      CallParser parser,
      GroupCommit<?> groupCommit,
      Credentials credentials,
      MeterRegistry metrics,
      ErasedOrders erasedOrders,
      DeletedPeople deletedPeople) {
    this.erasedOrders = erasedOrders;
    this.deletedPeople = deletedPeople;
    this.parser = parser;
    this.groupCommit = groupCommit;
    this.writeKey = credentials.writeKey();
    this.adminToken = credentials.adminToken();
    this.accepted = metrics.counter("kairos_ingest_events", "outcome", "stored");
    this.duplicates = metrics.counter("kairos_ingest_events", "outcome", "duplicate");
    this.rejected = metrics.counter("kairos_ingest_events", "outcome", "rejected");
    this.failed = metrics.counter("kairos_ingest_events", "outcome", "failed");
    this.commits =
        Timer.builder("kairos_ingest_call_seconds")
            .description("time from a call's parse to its durable commit")
            .publishPercentiles(0.5, 0.99)
            .register(metrics);
  }

  @Override
  public void register(RoutesConfig routes) {
    for (EventType type : EventType.values()) {
      routes.post("/v1/" + type.wireName(), ctx -> single(ctx, type));
    }
    routes.post("/v1/batch", this::batch);
    routes.post("/v1/import", this::importBatch);
  }

  /**
   * A batch of history: a call of a deleted person, or an order with the id of a deleted person's
   * order, is rejected (with its place in the batch) instead of being stored to no effect.
   */
  private void importBatch(Context ctx) {
    ParsedCall call = parser.parseBatch(authenticatedBody(ctx, CallParser.MAX_BATCH_BYTES));
    answer(
        ctx,
        call instanceof ParsedCall.Events events
            ? deletedPeople.refuse(erasedOrders.refuse(events))
            : call);
  }

  private void single(Context ctx, EventType type) {
    answer(ctx, parser.parseSingle(type, authenticatedBody(ctx, CallParser.MAX_EVENT_BYTES)));
  }

  private void batch(Context ctx) {
    answer(ctx, parser.parseBatch(authenticatedBody(ctx, CallParser.MAX_BATCH_BYTES)));
  }

  /**
   * The body of a call whose write key is right, decompressed. Nothing costs more than reading the
   * raw body before the key is checked: a key in the header is checked before the body is read; a
   * key in the body is found by streaming over it (inflating only as far as the key, at most {@code
   * maxBytes}), without building the events.
   */
  private byte[] authenticatedBody(Context ctx, int maxBytes) {
    Optional<String> headerKey = headerWriteKey(ctx);
    headerKey.ifPresent(key -> authenticate(headerKey, ctx));
    byte[] raw = raw(ctx);
    boolean gzip = gzip(ctx);
    if (headerKey.isEmpty()) {
      authenticate(BodyWriteKey.find(raw, gzip, maxBytes), ctx);
    }
    return gzip ? inflate(raw, maxBytes) : raw;
  }

  private void answer(Context ctx, ParsedCall call) {
    if (call instanceof ParsedCall.Refused refused) {
      rejected.increment();
      Rejection r = refused.reason();
      throw new HttpProblem(400, "invalid_request", r.message(), r.field(), r.index());
    }
    ParsedCall.Events events = (ParsedCall.Events) call;
    List<Rejection> rejections = events.rejections();
    int count = events.events().size();
    rejected.increment(rejections.size());
    Timer.Sample sample = Timer.start();
    // the parsed events (trees of some fifty objects each) are not used past this point, so they
    // need not survive a young collection while the call waits for its group to commit
    CompletableFuture<Receipt> committed = groupCommit.submit(events.events());
    Receipt receipt;
    try {
      receipt = await(committed);
    } catch (HttpProblem e) {
      failed.increment(count);
      throw e;
    }
    sample.stop(commits);
    accepted.increment(receipt.stored());
    duplicates.increment(receipt.duplicates());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("success", true);
    result.put("accepted", receipt.stored());
    result.put("duplicates", receipt.duplicates());
    if (!rejections.isEmpty()) {
      result.put("rejected", rejections);
    }
    ctx.json(result);
  }

  private Receipt await(CompletableFuture<Receipt> committed) {
    try {
      return committed.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HttpProblem(503, "unavailable", "the server is shutting down", null, null);
    } catch (ExecutionException e) {
      Optional<String> dataError = dataError(e.getCause());
      if (dataError.isPresent()) {
        // a value PostgreSQL refuses (SQLSTATE class 22): retrying would fail again
        throw HttpProblem.badRequest(null, "a value cannot be stored: " + dataError.get());
      }
      throw new HttpProblem(
          503, "unavailable", "the events could not be stored; retry later", null, null);
    } catch (TimeoutException e) {
      throw new HttpProblem(
          503, "unavailable", "the events could not be stored; retry later", null, null);
    }
  }

  /** The message of a data exception (SQLSTATE class 22) behind a storage failure, if any. */
  private static Optional<String> dataError(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("22")) {
        String message = String.valueOf(sql.getMessage());
        int newline = message.indexOf('\n');
        return Optional.of(newline < 0 ? message : message.substring(0, newline));
      }
    }
    return Optional.empty();
  }

  /** Refuses a call without the write key, saying what was sent instead when it can tell. */
  private void authenticate(Optional<String> presented, Context ctx) {
    if (presented.isEmpty()) {
      String bearer = bearer(ctx);
      if (bearer != null) {
        throw HttpProblem.unauthorized(
            (Credentials.matches(bearer, adminToken)
                    ? "the Bearer token sent is the admin token, which is for /api, not for /v1"
                    : "a Bearer token is not a write key")
                + ": send the write key as the Basic-auth user name or as writeKey in the body");
      }
      throw HttpProblem.unauthorized(
          "missing write key: send it as the Basic-auth user name or as writeKey in the body");
    }
    if (Credentials.matches(presented.get(), adminToken)) {
      throw HttpProblem.unauthorized(
          "the key sent is the admin token, which is for /api: /v1 takes the write key");
    }
    if (!Credentials.matches(presented.get(), writeKey)) {
      throw HttpProblem.unauthorized("invalid write key");
    }
  }

  private static String bearer(Context ctx) {
    String header = ctx.header("Authorization");
    return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
        ? header.substring(7).trim()
        : null;
  }

  private static Optional<String> headerWriteKey(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      String user = colon < 0 ? decoded : decoded.substring(0, colon);
      return user.isEmpty() ? Optional.empty() : Optional.of(user);
    } catch (IllegalArgumentException e) {
      throw HttpProblem.unauthorized("the Authorization header is not valid Basic auth");
    }
  }

  /**
   * The request body as sent. With a {@code Content-Length} (as client libraries send it) it is
   * read into an array of that size at once, instead of a buffer grown and copied as it fills.
   */
  private static byte[] raw(Context ctx) {
    long length = ctx.req().getContentLengthLong();
    if (length < 0 || length > MAX_EXACT_BODY_BYTES) {
      return ctx.bodyAsBytes(); // unknown or large: Javalin reads it and enforces its limit
    }
    try {
      byte[] body = ctx.req().getInputStream().readNBytes((int) length);
      if (body.length != length) {
        throw HttpProblem.badRequest(null, "the body ended before its Content-Length");
      }
      return body;
    } catch (IOException e) {
      throw HttpProblem.badRequest(null, "the body could not be read: " + e.getMessage());
    }
  }

  private static final long MAX_EXACT_BODY_BYTES = 1024 * 1024;

  /** Whether the body is gzip-compressed; refuses encodings other than gzip and identity. */
  private static boolean gzip(Context ctx) {
    String encoding = ctx.header("Content-Encoding");
    if (encoding == null || encoding.isBlank() || encoding.trim().equalsIgnoreCase("identity")) {
      return false;
    }
    if (!encoding.trim().equalsIgnoreCase("gzip")) {
      throw new HttpProblem(
          415,
          "unsupported_encoding",
          "Content-Encoding " + encoding.trim() + " is not supported; send gzip or no encoding",
          "Content-Encoding",
          null);
    }
    return true;
  }

  /**
   * The decompressed body, inflated no further than one byte past {@code maxBytes} (the parser
   * refuses that size with its own message); the buffer grows with what is inflated, not with a
   * multiple of the raw size.
   */
  private static byte[] inflate(byte[] raw, int maxBytes) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      return in.readNBytes(maxBytes + 1);
    } catch (IOException e) {
      throw HttpProblem.badRequest(null, "the body is not valid gzip");
    }
  }
}
