package dev.kairos.console;

import java.util.Locale;
import java.util.Optional;

/**
 * What a console user may do. An admin may do everything (users, API tokens, deleting and unmerging
 * customers); a marketer builds segments, journeys, templates and campaigns; an analyst reads.
 */
public enum Role {
  ADMIN,
  MARKETER,
  ANALYST;

  /** The role's name as stored and typed: {@code admin}, {@code marketer}, {@code analyst}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String key) {
    if (key == null) {
      return Optional.empty();
    }
    for (Role role : values()) {
      if (role.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }

  /** Users, API tokens and settings. */
  public boolean managesAccess() {
    return this == ADMIN;
  }

  /** Deleting a customer (delete + suppress) and undoing a merge. */
  public boolean editsCustomers() {
    return this == ADMIN;
  }

  /** Segments, journeys, templates and campaigns, as they land. */
  public boolean editsMarketing() {
    return this == ADMIN || this == MARKETER;
  }
}
