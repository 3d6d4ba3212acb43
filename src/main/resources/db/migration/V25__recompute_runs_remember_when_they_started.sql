-- A recompute scores "as of" an analysis date that may lie in the past (KAIROS_ANALYSIS_AS_OF,
-- ?as_of=); the incremental pass looks for changes from when the previous run started, by the
-- clock. Older rows have none: their as_of was the clock's now.
alter table profile_intelligence_runs add column started_at timestamptz;
