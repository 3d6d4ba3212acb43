package dev.kairos.ingest.imports;

import dev.kairos.ingest.CallParser;
import dev.kairos.ingest.DeletedPeople;
import dev.kairos.ingest.ErasedOrders;
import dev.kairos.ingest.GroupCommit;
import dev.kairos.ingest.ParsedCall;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends batches inside the server: validated by the tracking API's parser (the same rules as {@code
 * POST /v1/import}) and stored through the group commit, like any tracked call.
 */
public final class GroupCommitTransport implements BatchTransport {
  private final CallParser parser;
  private final GroupCommit<?> groupCommit;
  private final ErasedOrders erasedOrders;
  private final DeletedPeople deletedPeople;

  public GroupCommitTransport(
      CallParser parser,
      GroupCommit<?> groupCommit,
      ErasedOrders erasedOrders,
      DeletedPeople deletedPeople) {
    this.parser = parser;
    this.groupCommit = groupCommit;
    this.erasedOrders = erasedOrders;
    this.deletedPeople = deletedPeople;
  }

  @Override
  public CompletableFuture<Outcome> send(byte[] body) {
    ParsedCall call = parser.parseBatch(body);
    if (call instanceof ParsedCall.Refused refused) {
      return CompletableFuture.completedFuture(new Outcome(0, 0, List.of(refused.reason())));
    }
    ParsedCall.Events events = deletedPeople.refuse(erasedOrders.refuse((ParsedCall.Events) call));
    return groupCommit
        .submit(events.events())
        .thenApply(r -> new Outcome(r.stored(), r.duplicates(), events.rejections()));
  }
}
