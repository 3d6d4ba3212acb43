package dev.kairos.journey;

/** Why a journey document cannot be saved: the path of the field ({@code steps.wait.timeout}). */
public record DefinitionProblem(String field, String message) {}
