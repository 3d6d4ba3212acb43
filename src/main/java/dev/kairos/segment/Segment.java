package dev.kairos.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A saved audience: a stable key, a name for people, and its condition (the JSON definition as
 * saved; docs/segments.md is its reference). {@code version} goes up with every saved edit.
 */
public record Segment(
    String key,
    String name,
    JsonNode condition,
    int version,
    boolean builtIn,
    Instant createdAt,
    Instant updatedAt) {}
