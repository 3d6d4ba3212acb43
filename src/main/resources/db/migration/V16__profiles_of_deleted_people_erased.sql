-- Earlier versions applied an event carrying a deleted person's identifier to a new profile flagged
-- suppressed, holding the person's traits, identifiers and events in clear. Such a profile (and
-- every profile merged into it) is erased here as a delete would erase it, and its events are kept
-- as the stubs a deleted person's later events are kept as now (decision 0013): its identifiers
-- are remembered as suppressed by their SHA-256 only, its orders are kept without a person.
create temporary table erased_profiles on commit drop as
    with recursive tree (id) as (
        select id from profiles where suppressed and merged_into is null
        union
        select p.id from profiles p join tree t on p.merged_into = t.id
    )
    select id from tree;

insert into suppressed_identifiers (kind, value_sha256, reason, suppressed_at)
    select kind, encode(sha256(convert_to(value, 'UTF8')), 'hex'), 'deleted', now()
    from identifiers where profile_id in (select id from erased_profiles)
    on conflict do nothing;

update events set
    payload = json_build_object('type', type, 'event', case when type = 'track' then event end,
        'messageId', message_id, 'timestamp', occurred_at, 'receivedAt', received_at,
        'suppressed', true)::text,
    user_id = null, anonymous_id = null, event = case when type = 'track' then event end
    where seq in (select seq from event_profiles where profile_id in (select id from erased_profiles));

delete from separations where id in (
    select s.separation_id from separation_identifiers s
    join identifiers i on i.kind = s.kind and i.value = s.value
    where i.profile_id in (select id from erased_profiles));
delete from profile_timeline where profile_id in (select id from erased_profiles);
delete from identifiers where profile_id in (select id from erased_profiles);
update orders set profile_id = null, properties = '{}'::jsonb
    where profile_id in (select id from erased_profiles);
delete from profile_merges
    where surviving_profile_id in (select id from erased_profiles)
       or merged_profile_id in (select id from erased_profiles);
delete from replenishment_due where profile_id in (select id from erased_profiles);
update profiles set merged_into = null where id in (select id from erased_profiles);
delete from profiles where id in (select id from erased_profiles);
