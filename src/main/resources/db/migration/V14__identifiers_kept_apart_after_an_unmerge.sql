-- An operator who undoes a merge decides that two groups of identifiers are not one person. The
-- decision is kept as a separation: the identifiers each side held when the merge was undone. The
-- processor never puts identifiers of the two sides into one profile again; an event carrying both
-- is applied to one side and counted here as a refused link (see decision 0014). Removing the
-- separation lets the next linking event merge them.
create table separations (
    id                       bigserial primary key,
    merge_id                 bigint,       -- the undone merge (profile_merges.id), when it is kept
    created_at               timestamptz not null,
    refused_links            integer     not null default 0,
    last_refused_at          timestamptz,
    last_refused_message_id  text collate "C"
);

create table separation_identifiers (
    separation_id  bigint   not null references separations (id) on delete cascade,
    side           smallint not null check (side in (1, 2)),
    kind           text collate "C" not null,
    value          text collate "C" not null,
    primary key (separation_id, side, kind, value)
);
create index separation_identifiers_identifier on separation_identifiers (kind, value);
