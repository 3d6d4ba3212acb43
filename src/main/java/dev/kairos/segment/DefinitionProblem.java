package dev.kairos.segment;

/** One thing wrong with a segment definition, at a JSON path of the request body. */
public record DefinitionProblem(String path, String message) {}
