package dev.kairos.profile;

import java.time.Instant;
import java.util.List;

/**
 * An address (email or phone) that is not to be sent to: why, in detail, from where and since when.
 * {@code value} is null once the person it belonged to is deleted (only its SHA-256 is kept).
 */
public record AddressSuppression(
    long id,
    String kind,
    String value,
    String reason,
    String detail,
    String source,
    Instant suppressedAt) {
  public static final String HARD_BOUNCE = "hard_bounce";
  public static final String SOFT_BOUNCES = "soft_bounces";
  public static final String COMPLAINT = "complaint";
  public static final String UNSUBSCRIBE = "unsubscribe";
  public static final String MANUAL = "manual";
  public static final String DELETION_REQUEST = "deletion_request";
  public static final List<String> REASONS =
      List.of(HARD_BOUNCE, SOFT_BOUNCES, COMPLAINT, UNSUBSCRIBE, MANUAL, DELETION_REQUEST);

  /** Soft bounces in a row an address may have; one more suppresses it. */
  public static final int SOFT_BOUNCES_ALLOWED = 7;

  /**
   * Whether it stops every message to the address. An unsubscribe from everything stops marketing
   * only (consent says so); transactional messages still go.
   */
  public boolean stopsEverything() {
    return !reason.equals(UNSUBSCRIBE);
  }
}
