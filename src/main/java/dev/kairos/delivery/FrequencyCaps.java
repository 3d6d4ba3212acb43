package dev.kairos.delivery;

import java.util.Optional;

/**
 * The most messages one person receives: per channel and across channels, per calendar day (in the
 * person's time zone) and per rolling 7 days. Zero means no cap.
 */
public record FrequencyCaps(int perChannelDay, int perDay, int perChannelWeek, int perWeek) {
  public static final FrequencyCaps NONE = new FrequencyCaps(0, 0, 0, 0);

  /** The cap this message would exceed, named as the trace shows it. */
  public Optional<String> exceeded(SentCounts sent, String channel) {
    if (perChannelDay > 0 && sent.channelToday() >= perChannelDay) {
      return Optional.of(channel + " per day (" + perChannelDay + ")");
    }
    if (perDay > 0 && sent.allToday() >= perDay) {
      return Optional.of("all channels per day (" + perDay + ")");
    }
    if (perChannelWeek > 0 && sent.channelWeek() >= perChannelWeek) {
      return Optional.of(channel + " per 7 days (" + perChannelWeek + ")");
    }
    if (perWeek > 0 && sent.allWeek() >= perWeek) {
      return Optional.of("all channels per 7 days (" + perWeek + ")");
    }
    return Optional.empty();
  }

  /** Messages already sent to the person: today (their calendar day) and in the last 7 days. */
  public record SentCounts(int channelToday, int allToday, int channelWeek, int allWeek) {}
}
