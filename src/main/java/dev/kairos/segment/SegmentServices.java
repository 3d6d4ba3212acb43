package dev.kairos.segment;

import dev.kairos.segment.store.MemberQueries;
import dev.kairos.segment.store.Reevaluation;
import dev.kairos.segment.store.SegmentStore;
import dev.kairos.segment.store.SizeStore;

/**
 * The segment services the management API uses, handed to the console so its pages read and save
 * segments through them (no second copy of their SQL).
 */
public record SegmentServices(
    Segments segments,
    SegmentStore store,
    SegmentCatalog catalog,
    Audience audience,
    MemberQueries members,
    SizeStore sizes,
    Reevaluation reevaluation) {}
