package dev.kairos.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * What evaluating a segment's condition for one profile decided: whether they belong, why (the
 * conditions that held, with the values seen, as JSON for the API), and the next instant a clock
 * alone could change that ({@code null}: only an event can).
 */
public record MembershipVerdict(
    UUID profileId, boolean member, JsonNode reasons, Instant deadline) {}
