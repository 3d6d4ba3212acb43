package dev.kairos.consent;

import dev.kairos.profile.ConsentChange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The topics people consent to and which of them may be sent on legitimate interest without a
 * recorded grant. Built-in topics are {@link #BUILT_IN_TOPICS}; {@code KAIROS_CONSENT_TOPICS} adds
 * more ({@code loyalty,events}); {@code KAIROS_CONSENT_LEGITIMATE_INTEREST} names the topics sent
 * on legitimate interest (none by default): a person who has not answered receives them, one who
 * denied does not.
 */
public record ConsentSettings(List<String> topics, Set<String> legitimateInterest) {
  public static final String TRANSACTIONAL = "transactional";
  public static final List<String> BUILT_IN_TOPICS =
      List.of(
          "newsletter",
          "promotions",
          "cart_reminders",
          "product_updates",
          "reviews",
          TRANSACTIONAL);

  /** The channels a person can consent to. */
  public static final List<String> CHANNELS =
      List.of("email", "sms", "push", "wechat", "whatsapp", "webhook");

  public ConsentSettings {
    topics = List.copyOf(topics);
    legitimateInterest = Set.copyOf(legitimateInterest);
  }

  public static final ConsentSettings DEFAULTS = new ConsentSettings(BUILT_IN_TOPICS, Set.of());

  /**
   * @throws IllegalArgumentException naming the variable when a topic name is malformed or unknown
   */
  public static ConsentSettings from(Map<String, String> env) {
    Set<String> topics = new LinkedHashSet<>(BUILT_IN_TOPICS);
    topics.addAll(names(env, "KAIROS_CONSENT_TOPICS"));
    Set<String> legitimate = new LinkedHashSet<>(names(env, "KAIROS_CONSENT_LEGITIMATE_INTEREST"));
    for (String topic : legitimate) {
      if (!topics.contains(topic) || topic.equals(TRANSACTIONAL)) {
        throw new IllegalArgumentException(
            "KAIROS_CONSENT_LEGITIMATE_INTEREST: "
                + topic
                + " is not a marketing topic (known: "
                + String.join(", ", marketing(topics))
                + ")");
      }
    }
    return new ConsentSettings(new ArrayList<>(topics), legitimate);
  }

  private static List<String> names(Map<String, String> env, String variable) {
    String value = env.getOrDefault(variable, "");
    List<String> names = new ArrayList<>();
    for (String part : value.split(",")) {
      String name = part.strip();
      if (name.isEmpty()) {
        continue;
      }
      if (!ConsentChange.isName(name) || name.equals(ConsentChange.ALL_TOPICS)) {
        throw new IllegalArgumentException(
            variable + ": '" + name + "' is not a topic name (lower case letters, digits, _)");
      }
      names.add(name);
    }
    return names;
  }

  /** The topics marketing messages are sent under (every topic but transactional). */
  public List<String> marketingTopics() {
    return marketing(topics);
  }

  private static List<String> marketing(java.util.Collection<String> topics) {
    return topics.stream().filter(t -> !t.equals(TRANSACTIONAL)).toList();
  }

  public boolean knowsTopic(String topic) {
    return topics.contains(topic) || topic.equals(ConsentChange.ALL_TOPICS);
  }
}
