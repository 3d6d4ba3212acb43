package dev.kairos.template;

/** A template rendered for one person, or why it could not be. */
public sealed interface Rendering {
  record Rendered(String subject, String body) implements Rendering {}

  record Failed(String reason) implements Rendering {}
}
