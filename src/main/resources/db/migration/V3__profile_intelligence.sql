-- Profile intelligence: RFM, lifecycle stage, replenishment and best send hour, recomputed inside
-- the server (see docs/rfm-and-lifecycle.md, "In the server"). The column names clv_* and p_alive
-- are reserved for the CLV (BG/NBD) predictions, which join the same recompute later.

-- Results on the profile, so segments filter on typed columns. Written by the recompute only;
-- profiles.updated_at is not touched by it (it says when an event last changed the profile).
alter table profiles
    add column rfm_recency             smallint check (rfm_recency between 1 and 5),
    add column rfm_frequency           smallint check (rfm_frequency between 1 and 5),
    add column rfm_monetary            smallint check (rfm_monetary between 1 and 5),
    add column rfm_cell                text,      -- RfmCell name, e.g. 'CANNOT_LOSE_THEM' (for segments)
    add column rfm_cell_label          text,      -- its label, e.g. 'Can''t Lose Them' (for people)
    add column rfm_computed_at         timestamptz,
    add column lifecycle_stage         text,      -- LifecycleStage.value(), e.g. 'won_back'
    add column lifecycle_stage_since   timestamptz,
    add column best_send_hour          smallint check (best_send_hour between 0 and 23),
    add column best_send_hour_personal boolean;   -- false: the shop-wide fallback
create index profiles_rfm_cell on profiles (rfm_cell) where merged_into is null;
create index profiles_lifecycle_stage on profiles (lifecycle_stage) where merged_into is null;
-- Profiles never staged yet: the incremental pass picks them up.
create index profiles_unstaged on profiles (id) where lifecycle_stage is null and merged_into is null;

-- The incremental pass looks for orders changed (placed, refunded, cancelled) since the last pass.
create index orders_updated_at on orders (updated_at);
-- Opens and clicks feed the best send hour.
create index events_engagement on events (occurred_at)
    where type = 'track' and event in ('Email Opened', 'Email Link Clicked');

-- The quintile cuts of each full recompute, for incremental rescoring between recomputes.
create table rfm_boundaries (
    computed_at     timestamptz primary key,
    window_start    timestamptz      not null,
    customers       integer          not null,
    recency_cuts    timestamptz[]    not null check (cardinality(recency_cuts) = 4),
    frequency_cuts  integer[]        not null check (cardinality(frequency_cuts) = 4),
    monetary_cuts   numeric(18, 2)[] not null check (cardinality(monetary_cuts) = 4)
);

-- The lifecycle thresholds of each full recompute, for incremental staging between recomputes.
create table lifecycle_thresholds (
    computed_at                  timestamptz primary key,
    typical_interpurchase_seconds bigint  not null,
    at_risk_after_seconds         bigint  not null,
    lapsed_after_seconds          bigint  not null,
    vip_minimum_orders            integer not null,
    vip_minimum_revenue           numeric(18, 2)
);

-- Reorder intervals per product (only products with enough repeat buyers).
create table product_replenishment (
    product_id        text primary key,
    interval_seconds  bigint      not null check (interval_seconds > 0),
    repeat_buyers     integer     not null,
    computed_at       timestamptz not null
);

-- Expected replenishment per person and product, for journeys that wait until a date.
create table replenishment_due (
    profile_id         uuid        not null references profiles (id),
    product_id         text        not null,
    last_purchased_at  timestamptz not null,
    due_at             timestamptz not null,
    primary key (profile_id, product_id)
);
create index replenishment_due_at on replenishment_due (due_at);

-- The shop-wide hour distribution (24 shares) for the send-hour fallback and prior.
create table send_hour_distribution (
    computed_at  timestamptz primary key,
    people       integer            not null,
    peak_hour    smallint           not null check (peak_hour between 0 and 23),
    shares       double precision[] not null check (cardinality(shares) = 24)
);

-- Every recompute: when, over what, and what it did. The newest as_of is where the next
-- incremental pass starts looking for changes.
create table profile_intelligence_runs (
    id             bigserial primary key,
    kind           text        not null check (kind in ('full', 'incremental')),
    as_of          timestamptz not null,
    changed_since  timestamptz,
    profiles       integer     not null,
    stage_changes  integer     not null,
    duration_ms    bigint      not null,
    summary        jsonb       not null
);
create index profile_intelligence_runs_as_of on profile_intelligence_runs (as_of desc);

-- db-scheduler's table (its PostgreSQL DDL for the 16.x line): recurring, cluster-safe jobs.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
