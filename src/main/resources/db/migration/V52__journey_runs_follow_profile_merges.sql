-- Journey runs follow profile merges: the engine reads profile_merges through its own cursor and
-- moves the merged profile's active runs to the surviving profile (docs/journeys.md, "Merges").
-- From 0, so runs of profiles merged before this version are reconciled once too.
insert into journey_feed_cursors (feed, position) values ('profile_merges', 0);
