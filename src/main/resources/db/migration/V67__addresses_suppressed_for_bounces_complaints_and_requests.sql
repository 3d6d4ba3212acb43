-- Addresses (email, phone) never to send to again: hard bounces, repeated soft bounces, spam
-- complaints, unsubscribes from everything, an operator's manual entry, a deletion request. Kept by
-- the address's SHA-256 (as suppressed_identifiers) and, until the person is deleted, in clear for
-- the operator's list. A lift keeps the row, with when and why.
create table address_suppressions (
    id             bigserial   primary key,
    kind           text        not null,
    value          text,
    value_sha256   text        not null,
    reason         text        not null check (reason in ('hard_bounce', 'soft_bounces', 'complaint',
                                                          'unsubscribe', 'manual', 'deletion_request')),
    detail         text,
    source         text        not null,
    suppressed_at  timestamptz not null,
    lifted_at      timestamptz,
    lift_source    text
);
create unique index address_suppressions_one_active
    on address_suppressions (kind, value_sha256) where lifted_at is null;
create index address_suppressions_listed on address_suppressions (id) where lifted_at is null;

-- Soft bounces in a row per address; a delivery resets the count.
create table soft_bounce_counts (
    kind          text        not null,
    value_sha256  text        not null,
    consecutive   integer     not null,
    last_at       timestamptz not null,
    primary key (kind, value_sha256)
);
