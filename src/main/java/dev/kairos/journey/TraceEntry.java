package dev.kairos.journey;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a step did and why, kept in the run's trace: {@code outcome} is a short word. */
public record TraceEntry(String step, String type, String outcome, ObjectNode detail) {}
