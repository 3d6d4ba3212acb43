-- Journeys: versioned definitions, runs with their timers, step traces; the delivery outbox with every
-- attempt; message templates; coupon pools. All run state and timers live here (docs/journeys.md).

create table journeys (
    key                text primary key,
    name               text        not null,
    status             text        not null default 'draft',   -- draft | active | paused
    published_version  integer,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    constraint journeys_status check (status in ('draft', 'active', 'paused'))
);

create table journey_versions (
    journey_key   text        not null references journeys (key) on delete cascade,
    version       integer     not null,
    definition    text        not null,  -- the document as saved, so an export diffs cleanly
    created_at    timestamptz not null,
    published_at  timestamptz,
    primary key (journey_key, version)
);

-- One person's way through one version of a journey. due_at is the timer of the current step: the
-- engine claims due runs with FOR UPDATE SKIP LOCKED, so several nodes share them, and a node that
-- dies mid-step loses its transaction and its claim with it.
create table journey_runs (
    id             uuid primary key,
    journey_key    text        not null references journeys (key) on delete cascade,
    version        integer     not null,
    profile_id     uuid        not null,
    status         text        not null,     -- active | completed | exited | converted | failed
    exclusive      boolean     not null default true,
    step           text,
    due_at         timestamptz,
    waiting        boolean     not null default false,
    waiting_for    text,
    trigger        jsonb       not null default '{}',
    context        jsonb       not null default '{}',
    entered_at     timestamptz not null,
    ended_at       timestamptz,
    end_reason     text,
    revenue        numeric(18, 2),
    constraint journey_runs_status check (status in ('active', 'completed', 'exited', 'converted', 'failed'))
);
-- at most one active run per person and journey (unless the journey allows more: exclusive false)
create unique index journey_runs_one_active on journey_runs (journey_key, profile_id)
    where status = 'active' and exclusive;
create index journey_runs_due on journey_runs (due_at) where status = 'active';
create index journey_runs_profile on journey_runs (profile_id, entered_at);
create index journey_runs_waiting on journey_runs (profile_id, waiting_for)
    where status = 'active' and waiting_for is not null;

-- Every step a run took: when, and why (which branch, which condition, what was queued).
create table journey_trace (
    run_id      uuid        not null references journey_runs (id) on delete cascade,
    seq         bigserial,
    step        text        not null,
    type        text        not null,
    at          timestamptz not null,
    outcome     text        not null,
    detail      jsonb       not null default '{}',
    primary key (run_id, seq)
);

-- How far each of the journey engine's feeds has been read (events applied to profiles; segment
-- membership changes): a durable cursor, so a crash loses nothing and repeats nothing it committed.
create table journey_feed_cursors (
    feed      text primary key,
    position  bigint not null
);
insert into journey_feed_cursors (feed, position)
    select 'events', coalesce((select applied_seq from event_cursor where id = 1), 0);
insert into journey_feed_cursors (feed, position) values ('segment_membership', 0);

create table coupon_codes (
    pool         text        not null,
    code         text        not null,
    run_id       uuid,
    step         text,
    profile_id   uuid,
    assigned_at  timestamptz,
    primary key (pool, code)
);
create unique index coupon_codes_one_per_run_step on coupon_codes (run_id, step) where run_id is not null;
create index coupon_codes_free on coupon_codes (pool) where run_id is null;

create table templates (
    key         text primary key,
    channel     text        not null,
    subject     text,
    html        text,
    text        text,
    body        text,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

-- The outbox: one row per (run, step), kept so by the unique idempotency key, whatever retries,
-- crashes or nodes do. The dispatcher claims due rows with FOR UPDATE SKIP LOCKED.
create table messages (
    id                bigserial primary key,
    idempotency_key   text        not null,
    run_id            uuid,
    journey_key       text,
    step              text,
    profile_id        uuid        not null,
    channel           text        not null,
    fallbacks         text[]      not null default '{}',
    template          text        not null,
    topic             text        not null,
    priority          integer     not null,
    status            text        not null,  -- queued | deferred | sent | delivered | sandboxed | suppressed | failed
    reason            text,
    due_at            timestamptz not null,
    variables         jsonb       not null default '{}',
    subject           text,
    body              text,
    attempts          integer     not null default 0,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    sent_at           timestamptz,
    constraint messages_idempotency_key_unique unique (idempotency_key)
);
create index messages_due on messages (priority desc, due_at) where status in ('queued', 'deferred');
create index messages_profile on messages (profile_id, id);
create index messages_sent_per_profile on messages (profile_id, sent_at) where sent_at is not null;

create table delivery_attempts (
    message_id  bigint      not null references messages (id) on delete cascade,
    attempt     integer     not null,
    channel     text        not null,
    at          timestamptz not null,
    outcome     text        not null,
    error       text,
    primary key (message_id, attempt)
);
