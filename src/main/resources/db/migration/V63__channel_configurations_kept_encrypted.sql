-- The configuration of each non-email channel (sms, push, wechat, whatsapp, webhook), set through
-- PUT /api/channels/{name}. The document itself is kept only sealed (AES-256-GCM, key derived from
-- the installation's signing key); `shown` is the same document with every secret masked, which is
-- all the API ever answers. `version` grows with every change, so every node's registry notices.
create table channel_configurations (
    name        text        primary key,
    provider    text        not null,
    shown       jsonb       not null,
    sealed      bytea       not null,
    version     bigint      not null,
    updated_at  timestamptz not null
);
