package dev.kairos.journey.store;

import dev.kairos.journey.SendRequest;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where send and webhook steps put their messages: delivery's outbox, written in the transaction
 * that executes the step, so the message exists exactly when the run has moved past the step.
 */
@FunctionalInterface
public interface SendQueue {
  /** Queues the message unless one with its idempotency key exists. */
  void queue(Connection c, SendRequest request) throws SQLException;
}
