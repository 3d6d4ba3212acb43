-- Which profile each event was applied to, kept as one row per profile and applied group instead of
-- one row per event. A person's events come together (a browser's batch, a session), so a group of
-- the processor holds several of theirs; a row per event cost a random insert into the timeline
-- index for every event (3.7 us of backend CPU per event with its primary key, 300,000 benchmark
-- events COPYed into 1.2 million; 0.5 us as rows of ~9 events each). See decision 0011.
--
-- seqs and occurred_ats are parallel arrays in seq order; first_seq is seqs[1]. The processor writes
-- a group's rows in one COPY and moves the cursor in the same transaction, so every row lies within
-- one step of the cursor.
create table profile_timeline (
    profile_id    uuid          not null,
    first_seq     bigint        not null,
    seqs          bigint[]      not null,
    occurred_ats  timestamptz[] not null,
    constraint profile_timeline_parallel
        check (cardinality(seqs) = cardinality(occurred_ats) and cardinality(seqs) > 0)
);
insert into profile_timeline (profile_id, first_seq, seqs, occurred_ats)
    select profile_id, min(seq), array_agg(seq order by seq), array_agg(occurred_at order by seq)
    from event_profiles
    group by profile_id, seq / 10000;
create index profile_timeline_profile on profile_timeline (profile_id);
-- rows are appended in seq order: a block-range index finds a stretch of the log for almost nothing
create index profile_timeline_first_seq on profile_timeline using brin (first_seq);
alter table profile_timeline set (autovacuum_vacuum_cost_delay = 10);

drop table event_profiles;

-- The link of each event, as readers know it: one row per applied event.
create view event_profiles as
    select u.seq, t.profile_id, u.occurred_at
    from profile_timeline t
    cross join lateral unnest(t.seqs, t.occurred_ats) as u (seq, occurred_at);
