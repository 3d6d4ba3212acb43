package dev.kairos.segment.condition;

/** One thing wrong with a condition, at a JSON path ({@code $.and[2].within_days}). */
public record Problem(String path, String message) {}
