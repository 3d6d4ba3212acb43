-- What segment conditions read of a person's events (decision 0021): per person and event name,
-- how many, the first and the last; and per person, event name and UTC day, how many. Kept by the
-- event processor as it applies track events, moved with merges, rebuilt on unmerge. A window
-- ("Product Viewed at least 3 times in 30 days") reads a range of days of one event name instead of
-- the event log; "ever" and first/last read one row per person and name. Only the key is indexed,
-- so adding to a row is an update in place (HOT).
create table profile_behaviour (
    profile_id  uuid        not null,
    event       text        not null,
    total       bigint      not null check (total > 0),
    first_at    timestamptz not null,
    last_at     timestamptz not null,
    primary key (profile_id, event)
);

-- Keyed by event name and day, so a window is one index range; rows are added day by day, so the
-- rows of a range lie together in the table too. No other column is indexed (nor included in an
-- index): a new event of the same person, name and day updates its row in place (a HOT update),
-- without touching an index; only a person's first event of a name on a day inserts index entries.
create table profile_behaviour_days (
    event       text    not null,
    day         date    not null,
    profile_id  uuid    not null,
    count       integer not null check (count > 0),
    primary key (event, day, profile_id)
);
-- a person's rows: loading one person, merges, deletion
create index profile_behaviour_days_profile on profile_behaviour_days (profile_id);

alter table profile_behaviour set (fillfactor = 80);
alter table profile_behaviour_days set (fillfactor = 90);

-- Counters for the events already applied, on the profile each event's profile was merged into.
create temporary table behaviour_roots on commit drop as
    with recursive chain (id, root) as (
        select id, merged_into from profiles where merged_into is not null
        union all
        select c.id, p.merged_into from chain c join profiles p on p.id = c.root
        where p.merged_into is not null)
    select c.id, c.root from chain c join profiles p on p.id = c.root where p.merged_into is null;
insert into profile_behaviour (profile_id, event, total, first_at, last_at)
    select coalesce(r.root, l.profile_id), e.event, count(*), min(l.occurred_at), max(l.occurred_at)
    from events e join event_profiles l on l.seq = e.seq left join behaviour_roots r on r.id = l.profile_id
    where e.type = 'track' and e.event is not null
    group by 1, 2;
insert into profile_behaviour_days (event, day, profile_id, count)
    select e.event, (l.occurred_at at time zone 'UTC')::date, coalesce(r.root, l.profile_id), count(*)
    from events e join event_profiles l on l.seq = e.seq left join behaviour_roots r on r.id = l.profile_id
    where e.type = 'track' and e.event is not null
    group by 1, 2, 3;

-- The dates segment conditions read in traits and event properties, exactly as
-- dev.kairos.segment.condition.DateText reads them: an ISO date (midnight UTC) or an ISO date-time
-- with seconds and an offset; null for anything else, never an error.
create function segment_date_value(value text) returns timestamptz
    language plpgsql immutable strict parallel safe as $$
begin
    if value ~ '^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$' then
        return (value::date)::timestamp at time zone 'UTC';
    end if;
    if value ~ '^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?(Z|[+-]([01][0-9]|1[0-4]):[0-5][0-9])$' then
        return value::timestamptz;
    end if;
    return null;
exception when others then
    return null; -- 2026-02-30: the right shape, not a date
end $$;
