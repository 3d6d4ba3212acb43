-- Every consent decision of a person (per channel and topic), append-only. The profile's `consent`
-- jsonb holds the current answer ({channel: {topic: true|false}}); this is how it came to be. Rows
-- keep the profile they were recorded on (like events), so a merge keeps the history of both and an
-- unmerge gives each side its own; deleting the person erases them with the profile.
create table consent_history (
    id           bigserial   primary key,
    profile_id   uuid        not null references profiles (id) on delete cascade,
    channel      text        not null,
    topic        text        not null,
    status       text        not null check (status in ('granted', 'denied')),
    legal_basis  text        not null check (legal_basis in ('consent', 'legitimate_interest', 'contract')),
    source       text        not null,
    recorded_at  timestamptz not null,
    message_id   text        not null,
    seq          bigint      not null
);
create index consent_history_of_profile on consent_history (profile_id, recorded_at desc, id desc);
-- an event applied again (a replay) records its decisions once
create unique index consent_history_once_per_event
    on consent_history (seq, channel, topic);
