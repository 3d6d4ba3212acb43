package dev.kairos.channel;

/** An access token a provider's API wants, or why none could be obtained. */
sealed interface ProviderToken {
  record Token(String value) implements ProviderToken {}

  /** Retryable when the token endpoint may answer later (it was unreachable or busy). */
  record Refused(boolean retryable, String error) implements ProviderToken {}
}
