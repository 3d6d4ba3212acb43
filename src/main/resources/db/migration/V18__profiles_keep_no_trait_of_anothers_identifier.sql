-- Earlier versions stored an identifier an event could not link to its profile (another person's
-- email typed on a shared device, or the other side of an unmerge) as a trait of that profile, and
-- kept it in the event's payload after its owner was deleted. This upgrade brings an existing
-- database to what the processor does now (decision 0029):
--  1. past applied events remember such emails, user ids and anonymous ids (unlinked_identifiers),
--     so that deleting their owner later removes them from the payload;
--  2. the emails and phones of people already deleted leave the payloads of events applied to
--     other profiles;
--  3. a profile's email or phone trait that names an identifier another profile owns, or a
--     deleted person's, is removed.
-- Emails are compared trimmed and lower-cased, as the processor normalises them; phones as written
-- (a phone trait typed in another format than E.164 is not recognised here).
create temporary table profile_roots on commit drop as
    with recursive roots (id, root) as (
        select id, id from profiles where merged_into is null
        union all
        select p.id, r.root from profiles p join roots r on p.merged_into = r.id
    )
    select id, root from roots;
create index on profile_roots (id);

create temporary table carried on commit drop as
    select l.seq, l.profile_id, v.kind,
           case when v.kind = 'email' then lower(btrim(v.raw)) else btrim(v.raw) end as value
    from event_profiles l
    join events e on e.seq = l.seq
    cross join lateral (values
        ('userId', e.payload::jsonb ->> 'userId'),
        ('anonymousId', e.payload::jsonb ->> 'anonymousId'),
        ('email', e.payload::jsonb #>> '{traits,email}'),
        ('email', e.payload::jsonb #>> '{context,traits,email}'),
        ('email', e.payload::jsonb #>> '{properties,email}'),
        ('phone', e.payload::jsonb #>> '{traits,phone}'),
        ('phone', e.payload::jsonb #>> '{context,traits,phone}')) as v (kind, raw)
    where v.raw is not null;

-- 1. identifiers owned by another person than the one the event was applied to
insert into unlinked_identifiers (seq, kind, value_sha256)
    select distinct c.seq, c.kind, encode(sha256(convert_to(c.value, 'UTF8')), 'hex')
    from carried c
    join identifiers i on i.kind = c.kind and i.value = c.value
    join profile_roots event_root on event_root.id = c.profile_id
    join profile_roots owner_root on owner_root.id = i.profile_id
    where event_root.root <> owner_root.root
    on conflict do nothing;

-- 2. a deleted person's email or phone in an event applied to someone else
create temporary table deleted_carried on commit drop as
    select distinct c.seq, c.kind, c.value from carried c
    join suppressed_identifiers s on s.kind = c.kind
        and s.value_sha256 = encode(sha256(convert_to(c.value, 'UTF8')), 'hex')
    where c.kind in ('email', 'phone');

update events e set payload = (e.payload::jsonb #- '{traits,email}')::text
    where e.seq in (select seq from deleted_carried)
      and exists (select 1 from suppressed_identifiers s where s.kind = 'email'
          and s.value_sha256 = encode(sha256(convert_to(lower(btrim(e.payload::jsonb #>> '{traits,email}')), 'UTF8')), 'hex'));
update events e set payload = (e.payload::jsonb #- '{context,traits,email}')::text
    where e.seq in (select seq from deleted_carried)
      and exists (select 1 from suppressed_identifiers s where s.kind = 'email'
          and s.value_sha256 = encode(sha256(convert_to(lower(btrim(e.payload::jsonb #>> '{context,traits,email}')), 'UTF8')), 'hex'));
update events e set payload = (e.payload::jsonb #- '{properties,email}')::text
    where e.seq in (select seq from deleted_carried)
      and exists (select 1 from suppressed_identifiers s where s.kind = 'email'
          and s.value_sha256 = encode(sha256(convert_to(lower(btrim(e.payload::jsonb #>> '{properties,email}')), 'UTF8')), 'hex'));
update events e set payload = (e.payload::jsonb #- '{traits,phone}')::text
    where e.seq in (select seq from deleted_carried)
      and exists (select 1 from suppressed_identifiers s where s.kind = 'phone'
          and s.value_sha256 = encode(sha256(convert_to(btrim(e.payload::jsonb #>> '{traits,phone}'), 'UTF8')), 'hex'));
update events e set payload = (e.payload::jsonb #- '{context,traits,phone}')::text
    where e.seq in (select seq from deleted_carried)
      and exists (select 1 from suppressed_identifiers s where s.kind = 'phone'
          and s.value_sha256 = encode(sha256(convert_to(btrim(e.payload::jsonb #>> '{context,traits,phone}'), 'UTF8')), 'hex'));

-- 3. a profile's email or phone trait that is another person's identifier, or a deleted person's
update profiles p set traits = p.traits - 'email'
    where p.merged_into is null and p.traits ? 'email'
      and (exists (select 1 from identifiers i
                   join profile_roots r on r.id = i.profile_id
                   where i.kind = 'email' and i.value = lower(btrim(p.traits ->> 'email'))
                     and r.root <> p.id)
           or exists (select 1 from suppressed_identifiers s where s.kind = 'email'
                   and s.value_sha256
                       = encode(sha256(convert_to(lower(btrim(p.traits ->> 'email')), 'UTF8')), 'hex')));
update profiles p set traits = p.traits - 'phone'
    where p.merged_into is null and p.traits ? 'phone'
      and (exists (select 1 from identifiers i
                   join profile_roots r on r.id = i.profile_id
                   where i.kind = 'phone' and i.value = btrim(p.traits ->> 'phone')
                     and r.root <> p.id)
           or exists (select 1 from suppressed_identifiers s where s.kind = 'phone'
                   and s.value_sha256
                       = encode(sha256(convert_to(btrim(p.traits ->> 'phone'), 'UTF8')), 'hex')));
