package dev.kairos.intelligence.lifecycle;

import java.util.Optional;
import java.util.UUID;

/**
 * A profile's lifecycle stage now, and the change to record when it differs from the previous one.
 */
public record LifecycleAssessment(
    UUID profileId, LifecycleStage stage, Optional<StageChange> change) {}
