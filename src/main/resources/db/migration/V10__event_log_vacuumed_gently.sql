-- The event log tables only grow. Autovacuum still visits every new page once (to mark it
-- all-visible and later to freeze it), and with data checksums on, each visit writes the page to
-- the WAL again. At the default pace it took 0.4 of the 2 cores of the benchmark machine right
-- after a burst of ingest, and the tracking API's p99 latency went from ~40 ms to over a second.
-- At this pace (10 ms after each 200 cost units: about 1,000 dirtied pages, ~8 MB, per second)
-- vacuum keeps up with ~6,000 events/s on average and leaves the cores to ingest during bursts.
alter table events set (autovacuum_vacuum_cost_delay = 10);
alter table event_profiles set (autovacuum_vacuum_cost_delay = 10);
