package dev.kairos.benchmark;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one sender, or all of them merged, measured in a phase. In the measured period: the
 * latencies (closed loop: from the actual send; open loop: from the scheduled send), the events and
 * batches answered with a 2xx, their mix, and the errors. Open loop only: the time from the actual
 * send to the answer, how late sends left after their slots, and the batches scheduled in the
 * measured period that were never sent because it ended first.
 */
final class Tally {
  final Durations latencies = new Durations();
  final Durations responseTimes = new Durations();
  final Durations sendDelays = new Durations();
  final Map<String, Long> mix = new TreeMap<>();
  long events;
  long batches;
  long errors;
  long errorsOutsideWindow;
  long unsent;
  long batchesSent;
  long batchesSentInPeriod;
  long bytesSent;
  long connects;
  String firstError;

  void error(String failure, boolean measured) {
    if (measured) {
      errors++;
    } else {
      errorsOutsideWindow++;
    }
    if (firstError == null) {
      firstError = failure.length() > 300 ? failure.substring(0, 300) : failure;
    }
  }

  void accepted(SenderBatches.Request request) {
    events += request.events();
    batches++;
    request.mix().forEach((kind, n) -> mix.merge(kind, (long) n, Long::sum));
  }

  static Tally merge(List<Tally> tallies) {
    Tally all = new Tally();
    for (Tally t : tallies) {
      all.latencies.addAll(t.latencies);
      all.responseTimes.addAll(t.responseTimes);
      all.sendDelays.addAll(t.sendDelays);
      t.mix.forEach((kind, n) -> all.mix.merge(kind, n, Long::sum));
      all.events += t.events;
      all.batches += t.batches;
      all.errors += t.errors;
      all.errorsOutsideWindow += t.errorsOutsideWindow;
      all.unsent += t.unsent;
      all.batchesSent += t.batchesSent;
      all.batchesSentInPeriod += t.batchesSentInPeriod;
      all.bytesSent += t.bytesSent;
      all.connects += t.connects;
      if (all.firstError == null) {
        all.firstError = t.firstError;
      }
    }
    return all;
  }

  long averageBodyBytes() {
    return bytesSent / Math.max(1, batchesSent);
  }
}
