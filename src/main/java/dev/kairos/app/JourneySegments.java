package dev.kairos.app;

import dev.kairos.journey.ConditionLanguage;
import dev.kairos.journey.MembershipFeed;
import dev.kairos.journey.PersonConditions;
import dev.kairos.journey.store.SegmentMembershipFeed;
import dev.kairos.journey.store.SegmentPersonConditions;
import dev.kairos.platform.db.Database;
import dev.kairos.platform.http.Json;
import dev.kairos.segment.SegmentCatalog;
import dev.kairos.segment.store.SegmentFeed;
import dev.kairos.segment.store.SegmentStore;
import dev.kairos.segment.store.sql.PersonLoader;
import java.time.ZoneId;

/**
 * What journeys take from the segment context: conditions in the segment language evaluated on a
 * person now, the same language checked when a journey is saved, and the durable feed of membership
 * changes that starts and ends runs. The catalog of saved segments is the journeys' own reading of
 * the segment table, refreshed (by its fingerprint) before each use, so a segment saved on any node
 * is known.
 */
record JourneySegments(
    PersonConditions conditions, ConditionLanguage language, MembershipFeed feed) {

  static JourneySegments over(Database database, ZoneId workspaceZone) {
    SegmentCatalog catalog = new SegmentCatalog(new SegmentStore(database, Json.MAPPER));
    return new JourneySegments(
        new SegmentPersonConditions(database, catalog, new PersonLoader()::load, workspaceZone),
        new ConditionLanguage(() -> catalog.refresh().parser()),
        new SegmentMembershipFeed(database, new SegmentFeed()));
  }
}
