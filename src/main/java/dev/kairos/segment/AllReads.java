package dev.kairos.segment;

import dev.kairos.segment.condition.Dependencies;
import dev.kairos.segment.condition.ProfileField;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** What several segments read together (to load people once for all of them). */
public final class AllReads {
  private AllReads() {}

  public static Dependencies of(Collection<Dependencies> all) {
    Set<String> events = new HashSet<>();
    Set<String> withProperties = new HashSet<>();
    Set<ProfileField> fields = new HashSet<>();
    Set<String> traits = new HashSet<>();
    Set<String> kinds = new HashSet<>();
    Set<String> segments = new HashSet<>();
    boolean time = false;
    boolean zone = false;
    boolean consent = false;
    for (Dependencies d : all) {
      events.addAll(d.events());
      withProperties.addAll(d.eventsWithProperties());
      fields.addAll(d.fields());
      traits.addAll(d.traits());
      kinds.addAll(d.identifierKinds());
      segments.addAll(d.segments());
      time |= d.timeDependent();
      zone |= d.zoneDependent();
      consent |= d.consent();
    }
    return new Dependencies(
        events, withProperties, fields, traits, kinds, segments, time, zone, consent);
  }
}
