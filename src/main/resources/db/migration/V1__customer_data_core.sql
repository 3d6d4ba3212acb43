-- The customer data core: the event log, identity, profiles and commerce facts.

-- Every accepted event, append-only. seq is the order in which events were committed and applied.
create table events (
    seq           bigserial primary key,
    message_id    text        not null,
    type          text        not null,
    event         text,
    profile_id    uuid,
    user_id       text,
    anonymous_id  text,
    occurred_at   timestamptz not null,
    received_at   timestamptz not null,
    payload       jsonb       not null,
    constraint events_message_id_unique unique (message_id)
);
create index events_profile_timeline on events (profile_id, occurred_at desc, seq desc);

-- One row per person. A profile merged into another keeps its row with merged_into set, so its
-- events (which keep the profile id they were applied to) and a later unmerge still find it.
create table profiles (
    id               uuid primary key,
    merged_into      uuid references profiles (id),
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    first_seen_at    timestamptz,
    last_seen_at     timestamptz,
    time_zone        text,
    traits           jsonb       not null default '{}',
    consent          jsonb       not null default '{}',
    suppressed       boolean     not null default false,
    orders_count     integer     not null default 0,
    revenue          numeric(18, 2) not null default 0,
    refunds_count    integer     not null default 0,
    refunded         numeric(18, 2) not null default 0,
    first_order_at   timestamptz,
    last_order_at    timestamptz,
    cart             jsonb,
    cart_value       numeric(18, 2),
    cart_updated_at  timestamptz,
    viewed_products  jsonb       not null default '[]'
);
create index profiles_traits on profiles using gin (traits jsonb_path_ops);
create index profiles_merged_into on profiles (merged_into) where merged_into is not null;

-- The identity graph: which profile each identifier (kind, normalised value) belongs to.
create table identifiers (
    kind               text        not null,
    value              text        not null,
    profile_id         uuid        not null references profiles (id),
    first_seen_at      timestamptz not null,
    source_message_id  text,
    primary key (kind, value)
);
create index identifiers_profile on identifiers (profile_id);

-- Every merge: which profile survived, which was merged into it, which identifiers moved and
-- which event caused it. An operator can undo a merge (undone_at).
create table profile_merges (
    id                    bigserial primary key,
    surviving_profile_id  uuid        not null references profiles (id),
    merged_profile_id     uuid        not null references profiles (id),
    message_id            text,
    reason                text        not null,
    identifiers           jsonb       not null,
    merged_at             timestamptz not null,
    undone_at             timestamptz
);
create index profile_merges_surviving on profile_merges (surviving_profile_id);
create index profile_merges_merged on profile_merges (merged_profile_id);

-- Identifiers of deleted people (delete + suppress). Only a SHA-256 of the value is kept.
create table suppressed_identifiers (
    kind           text        not null,
    value_sha256   text        not null,
    reason         text        not null,
    suppressed_at  timestamptz not null,
    primary key (kind, value_sha256)
);

-- The product catalog, upserted from product properties of commerce events and from imports.
create table products (
    product_id   text primary key,
    sku          text,
    name         text,
    brand        text,
    category     text,
    price        numeric(18, 4),
    currency     text,
    url          text,
    image_url    text,
    in_stock     boolean,
    properties   jsonb       not null default '{}',
    updated_at   timestamptz not null
);

create table orders (
    order_id         text primary key,
    profile_id       uuid references profiles (id),
    status           text        not null,
    revenue          numeric(18, 2) not null,
    refunded         numeric(18, 2) not null default 0,
    currency         text,
    coupon           text,
    discount         numeric(18, 2),
    placed_at        timestamptz not null,
    updated_at       timestamptz not null,
    source           text        not null,
    properties       jsonb       not null default '{}'
);
create index orders_profile on orders (profile_id, placed_at desc);

create table order_lines (
    order_id    text    not null references orders (order_id) on delete cascade,
    line_no     integer not null,
    product_id  text,
    sku         text,
    name        text,
    category    text,
    price       numeric(18, 4),
    quantity    integer not null,
    primary key (order_id, line_no)
);
create index order_lines_product on order_lines (product_id);
