package dev.kairos.console;

import java.time.Instant;
import java.util.UUID;

/** A person who signs in to the console. */
public record ConsoleUser(UUID id, String email, Role role, Instant createdAt, boolean disabled) {}
