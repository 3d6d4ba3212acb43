-- Broadcasts: who each occurrence of a broadcast journey reached. A person is recorded once per
-- (journey, occurrence) by the primary key, in the transaction that starts their run, so neither a
-- second node nor a crash and restart starts a second run for the same occurrence
-- (docs/journeys.md, "Broadcasts").
create table broadcast_recipients (
    journey_key  text        not null references journeys (key) on delete cascade,
    occurrence   text        not null,   -- the occurrence's local date and time, 2026-12-24T10:00
    profile_id   uuid        not null,
    at           timestamptz not null,
    outcome      text        not null,   -- entered | skipped (the entry rules or a run in progress)
    run_id       uuid,
    primary key (journey_key, occurrence, profile_id),
    constraint broadcast_recipients_outcome check (outcome in ('entered', 'skipped'))
);
