package dev.kairos.ingest;

/** Why one event of a call was not accepted: the field at fault and, in a batch, its index. */
public record Rejection(Integer index, String field, String message) {}
