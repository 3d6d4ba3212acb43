package dev.kairos.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a marketer typed in the customer search, as the lookups it stands for: {@code kind:value}
 * looks up that identifier; {@code name=value} (several separated by spaces) matches traits; bare
 * text is tried as each identifier it could be (an address with {@code @} as an email, otherwise a
 * userId, a phone number, an anonymousId); nothing lists the most recently seen.
 */
public sealed interface CustomerQuery {
  record Newest() implements CustomerQuery {}

  /** Identifiers to try in order; the first that finds a profile answers. */
  record ByIdentifier(List<Candidate> candidates) implements CustomerQuery {}

  record Candidate(String kind, String value) {}

  record ByTraits(Map<String, String> traits) implements CustomerQuery {}

  static CustomerQuery parse(String text) {
    String q = text == null ? "" : text.strip();
    if (q.isEmpty()) {
      return new Newest();
    }
    if (q.contains("=")) {
      Map<String, String> traits = new LinkedHashMap<>();
      for (String part : q.split("\\s+")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          traits.put(part.substring(0, eq), part.substring(eq + 1));
        }
      }
      if (!traits.isEmpty()) {
        return new ByTraits(traits);
      }
    }
    int colon = q.indexOf(':');
    if (colon > 0 && !q.substring(0, colon).contains("@") && !q.substring(0, colon).contains(" ")) {
      return new ByIdentifier(
          List.of(new Candidate(q.substring(0, colon), q.substring(colon + 1).strip())));
    }
    List<Candidate> candidates = new ArrayList<>();
    if (q.contains("@")) {
      candidates.add(new Candidate("email", q));
    } else {
      candidates.add(new Candidate("userId", q));
      if (q.matches("[+0-9 ()./-]{5,}")) {
        candidates.add(new Candidate("phone", q));
      }
      candidates.add(new Candidate("anonymousId", q));
    }
    return new ByIdentifier(candidates);
  }
}
