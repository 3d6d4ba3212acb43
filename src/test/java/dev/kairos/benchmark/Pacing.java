package dev.kairos.benchmark;

/**
 * How senders pace their batches. {@link Closed}: each sender posts its next batch as soon as the
 * previous one is answered, so the server runs saturated and, by Little's law, the mean latency is
 * the senders' events in flight over the throughput. {@link Open}: batches leave on a fixed
 * schedule at {@code eventsPerSecond} overall whatever the server does, and each latency counts
 * from the batch's scheduled send time, so a server that stalls cannot hide the queue it builds (no
 * coordinated omission).
 */
sealed interface Pacing {
  record Closed() implements Pacing {}

  record Open(int eventsPerSecond) implements Pacing {
    /**
     * The scheduled send time of batch {@code k} of sender {@code sender} of {@code senders}: each
     * sender posts a batch every {@code batch × senders / rate} seconds, the senders' slots spread
     * evenly over that interval so that they do not all fire together.
     */
    long slot(long start, int sender, int senders, int batch, long k) {
      double interval = 1e9 * batch * senders / eventsPerSecond;
      return start + Math.round(interval * (k + (double) sender / senders));
    }
  }
}
