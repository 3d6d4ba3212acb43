package dev.kairos.consent;

import java.time.Instant;

/** One recorded consent decision of a person, as the history keeps it. */
public record ConsentRecord(
    java.util.UUID profileId,
    String channel,
    String topic,
    String status,
    String legalBasis,
    String source,
    Instant recordedAt) {}
