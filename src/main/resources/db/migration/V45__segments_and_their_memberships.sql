-- Segments: saved audiences, who is in each (with history), when a clock can next change that,
-- and the ordered feed of membership changes that timelines and journeys consume.
-- See docs/segments.md and docs/decisions/0023-segment-membership-feed.md.

-- The current definition of each segment. key is the stable slug the API, journeys and the feed
-- use; version goes up with every saved change of the definition.
create table segments (
    key         text primary key check (key ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    name        text        not null,
    condition   jsonb       not null,
    version     integer     not null default 1 check (version > 0),
    built_in    boolean     not null default false,
    -- a built-in whose thresholds Kairos recomputes daily (aov tertiles, vip); an edit ends it
    thresholds_managed boolean not null default false,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

-- Every saved definition (the current one included), so an edit keeps the segment's history.
create table segment_versions (
    segment_key  text        not null,
    version      integer     not null,
    name         text        not null,
    condition    jsonb       not null,
    saved_at     timestamptz not null,
    primary key (segment_key, version)
);

-- Who is and was in each segment. A row with exited_at null is a current membership; an exit
-- closes the row and a later entry opens a new one, so the rows are the history.
create table segment_memberships (
    id           bigserial primary key,
    segment_key  text        not null references segments (key) on delete cascade,
    profile_id   uuid        not null,
    entered_at   timestamptz not null,
    exited_at    timestamptz,
    reasons      jsonb       not null default '[]'
);
create unique index segment_members_current
    on segment_memberships (segment_key, profile_id) where exited_at is null;
create index segment_memberships_profile on segment_memberships (profile_id, segment_key);

-- The next instant a clock alone can change a profile's membership of a segment ("cart older than
-- an hour", "no order for 90 days"): at most one per (profile, segment). The scheduler claims the
-- passed ones (due_at <= now) with FOR UPDATE SKIP LOCKED, so any node can, and none twice.
create table segment_deadlines (
    segment_key  text        not null references segments (key) on delete cascade,
    profile_id   uuid        not null,
    due_at       timestamptz not null,
    primary key (segment_key, profile_id)
);
create index segment_deadlines_due on segment_deadlines (due_at);

-- The durable, ordered feed of membership changes. Writers take one transaction-scoped advisory
-- lock before inserting, so seq values commit in order and a consumer reading seq > its cursor
-- never skips a row committed later with a smaller seq.
create table segment_changes (
    seq           bigserial primary key,
    segment_key   text        not null,
    segment_name  text        not null,
    profile_id    uuid        not null,
    change        text        not null check (change in ('entered', 'exited')),
    changed_at    timestamptz not null,
    cause         text        not null check (cause in ('event', 'deadline', 'recompute'))
);

-- Each consumer's position in segment_changes (the timeline relay is 'timeline'; journeys add theirs).
create table segment_feed_cursors (
    consumer  text primary key,
    seq       bigint not null default 0
);
insert into segment_feed_cursors (consumer, seq) values ('timeline', 0);

-- Background recomputes of a segment (after it is created or edited), with their progress.
create table segment_recomputes (
    id            bigserial primary key,
    segment_key   text        not null references segments (key) on delete cascade,
    version       integer     not null,
    status        text        not null check (status in ('queued', 'running', 'done', 'failed')),
    queued_at     timestamptz not null,
    started_at    timestamptz,
    finished_at   timestamptz,
    profiles      integer     not null default 0,
    profiles_done integer     not null default 0,
    entered       integer     not null default 0,
    exited        integer     not null default 0,
    error         text
);
create index segment_recomputes_open on segment_recomputes (queued_at) where status in ('queued', 'running');
create index segment_recomputes_segment on segment_recomputes (segment_key, id desc);

-- How many members each segment had, one row per day (for charts).
create table segment_sizes (
    segment_key  text    not null references segments (key) on delete cascade,
    day          date    not null,
    members      integer not null,
    primary key (segment_key, day)
);

-- How far segment memberships have been re-evaluated after the event log (a seq of events, as
-- event_cursor.applied_seq). Evaluation after each applied group moves it; a node that starts
-- re-evaluates the profiles of the events between it and the applied cursor (a crash in between).
create table segment_evaluation_cursor (
    id            integer primary key check (id = 1),
    evaluated_seq bigint not null
);
insert into segment_evaluation_cursor (id, evaluated_seq)
    select 1, coalesce((select applied_seq from event_cursor where id = 1), 0);

-- The built-in segments installed so far: each is installed once (a deleted one stays deleted; a
-- built-in shipped later is installed on the next start).
create table segment_built_ins (
    key           text primary key,
    installed_at  timestamptz not null
);
