-- Ingest answers once an event is appended to the log; a processor then applies the log in seq
-- order (identity, profiles, commerce). The log no longer carries the profile an event was applied
-- to: that link is written by the processor to a narrow table instead of rewriting event rows.

create table event_profiles (
    seq          bigint      primary key,
    profile_id   uuid        not null,
    occurred_at  timestamptz not null
);
insert into event_profiles (seq, profile_id, occurred_at)
    select seq, profile_id, occurred_at from events where profile_id is not null;
create index event_profiles_timeline on event_profiles (profile_id, occurred_at desc, seq desc);

drop index if exists events_profile_timeline;
alter table events drop column profile_id;

-- How far the processor has applied the log. Its row is also the processor's lock: a node applies
-- a group of events holding it, and operator actions that change profiles (unmerge, delete) take
-- it too and move epoch on, so a processor knows its cached profiles are stale.
create table event_cursor (
    id           integer primary key check (id = 1),
    applied_seq  bigint not null,
    epoch        bigint not null
);
insert into event_cursor (id, applied_seq, epoch)
    select 1, coalesce(max(seq), 0), 0 from events;

-- Events the processor could not apply (the log keeps them; the processor goes on past them).
create table event_failures (
    seq        bigint primary key,
    error      text        not null,
    failed_at  timestamptz not null
);
