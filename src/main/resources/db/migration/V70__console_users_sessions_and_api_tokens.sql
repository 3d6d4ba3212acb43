-- The console's people and keys: users with a role, their signed-in sessions (kept in the database so
-- any node can serve any request), and the management API's tokens created in the console. Secrets are
-- stored only as hashes: passwords as Argon2id strings, session ids and API tokens as SHA-256.
create table console_users (
    id             uuid primary key,
    email          text        not null,
    role           text        not null check (role in ('admin', 'marketer', 'analyst')),
    password_hash  text        not null,
    created_at     timestamptz not null,
    disabled_at    timestamptz
);
create unique index console_users_email_unique on console_users (lower(email));

create table console_sessions (
    id_hash      bytea primary key,
    user_id      uuid        not null references console_users (id) on delete cascade,
    csrf_token   text        not null,
    created_at   timestamptz not null,
    expires_at   timestamptz not null
);
create index console_sessions_user on console_sessions (user_id);

create table api_tokens (
    id            uuid primary key,
    name          text        not null,
    token_hash    bytea       not null unique,
    prefix        text        not null,
    created_by    uuid        references console_users (id) on delete set null,
    created_at    timestamptz not null,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);
