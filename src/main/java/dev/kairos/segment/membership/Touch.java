package dev.kairos.segment.membership;

import dev.kairos.commerce.CommerceEvents;
import dev.kairos.ingest.EventType;
import dev.kairos.profile.EventFacts;
import dev.kairos.segment.condition.Dependencies;
import dev.kairos.segment.condition.ProfileField;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * What applied events may have changed about one person, in the terms segment conditions read:
 * event names performed, computed fields, trait names, identifiers; or everything (a new profile, a
 * merge). A segment is re-evaluated for the person only when its {@link Dependencies} meet it.
 */
final class Touch {
  private static final Set<String> CART_EVENTS =
      Set.of(
          CommerceEvents.PRODUCT_ADDED,
          CommerceEvents.PRODUCT_REMOVED,
          CommerceEvents.CART_VIEWED,
          CommerceEvents.CHECKOUT_STARTED,
          CommerceEvents.ORDER_COMPLETED);
  private static final Set<String> ORDER_EVENTS =
      Set.of(
          CommerceEvents.ORDER_COMPLETED,
          CommerceEvents.ORDER_REFUNDED,
          CommerceEvents.ORDER_CANCELLED);
  private static final Set<ProfileField> CART_FIELDS =
      EnumSet.of(ProfileField.CART_VALUE, ProfileField.CART_ITEMS, ProfileField.CART_UPDATED_AT);
  private static final Set<ProfileField> ORDER_FIELDS =
      EnumSet.of(
          ProfileField.ORDERS_COUNT,
          ProfileField.REVENUE,
          ProfileField.AVERAGE_ORDER_VALUE,
          ProfileField.FIRST_ORDER_AT,
          ProfileField.LAST_ORDER_AT,
          ProfileField.DAYS_SINCE_LAST_ORDER,
          ProfileField.REFUNDS_COUNT);
  static final String LIFECYCLE_STAGE_CHANGED = "Lifecycle Stage Changed";

  private final Set<String> events = new HashSet<>();
  private final Set<ProfileField> fields = EnumSet.noneOf(ProfileField.class);
  private final Set<String> traits = new HashSet<>();
  private boolean everything;

  /** Everything about the person may have changed (new, merged, or their segments changed). */
  static Touch everything() {
    Touch touch = new Touch();
    touch.everything = true;
    return touch;
  }

  /** Adds what one applied event may have changed. */
  void add(EventFacts facts) {
    if (facts.seen()) {
      fields.add(ProfileField.FIRST_SEEN_AT);
      fields.add(ProfileField.LAST_SEEN_AT);
    }
    if (facts.timeZone() != null) {
      fields.add(ProfileField.TIME_ZONE);
    }
    if (facts.type() == EventType.IDENTIFY && facts.traits() != null) {
      Iterator<String> names = facts.traits().fieldNames();
      names.forEachRemaining(traits::add);
    }
    String name = facts.commerce().name();
    if (name == null) {
      return;
    }
    events.add(name);
    if (CART_EVENTS.contains(name)) {
      fields.addAll(CART_FIELDS);
    }
    if (ORDER_EVENTS.contains(name)) {
      fields.addAll(ORDER_FIELDS);
    }
    if (name.equals(LIFECYCLE_STAGE_CHANGED)) {
      fields.add(ProfileField.LIFECYCLE_STAGE);
    }
  }

  void add(Touch other) {
    everything |= other.everything;
    events.addAll(other.events);
    fields.addAll(other.fields);
    traits.addAll(other.traits);
  }

  /**
   * Whether a segment reading {@code reads} may change for the person. Identifiers arrive on any
   * call (a userId, an anonymousId, an email in context.traits), so a segment reading identifier
   * kinds is always re-evaluated; so is one reading consent (a consent decision is an event).
   */
  boolean meets(Dependencies reads) {
    if (everything || !reads.identifierKinds().isEmpty()) {
      return true;
    }
    for (String event : reads.events()) {
      if (events.contains(event)) {
        return true;
      }
    }
    for (ProfileField field : reads.fields()) {
      if (fields.contains(field)) {
        return true;
      }
    }
    for (String trait : reads.traits()) {
      if (traits.contains(trait)) {
        return true;
      }
    }
    return false;
  }
}
