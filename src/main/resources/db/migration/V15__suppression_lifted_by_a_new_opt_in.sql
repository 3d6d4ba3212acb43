-- A deleted person who comes back and opts in again through the API (DELETE /api/suppressions/..)
-- lifts the suppression of that identifier: its row leaves suppressed_identifiers, and the lift is
-- recorded here with its source, by the identifier's SHA-256 only (see decision 0013).
create table suppression_lifts (
    id             bigserial primary key,
    kind           text collate "C" not null,
    value_sha256   text collate "C" not null,
    source         text        not null,
    lifted_at      timestamptz not null,
    suppressed_at  timestamptz not null  -- when the lifted suppression began
);
create index suppression_lifts_identifier on suppression_lifts (kind, value_sha256, lifted_at desc);
