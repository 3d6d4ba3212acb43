package dev.kairos.journey;

import java.util.List;

/** A journey document read: a definition the engine can run, or the problems that prevent it. */
public sealed interface Reading {
  record Valid(JourneyDefinition definition) implements Reading {}

  record Invalid(List<DefinitionProblem> problems) implements Reading {}
}
