-- The key that signs public links (unsubscribe, preferences, tracking), shared by every node.
-- Unused when KAIROS_SIGNING_KEY is set.
create table signing_keys (
    name        text primary key,
    secret      bytea       not null,
    created_at  timestamptz not null
);

-- Channel-specific parts of templates, the preheader, and tracking switches (null: on).
alter table templates
    add column preheader    text,
    add column data         jsonb,
    add column track_opens  boolean,
    add column track_clicks boolean;
