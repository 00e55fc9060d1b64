-- Network accounts a workspace publishes to. Credentials are sealed with AES-256-GCM by the
-- application (the database never sees them in plain text).
create table accounts (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    platform text not null check (platform in ('mastodon', 'bluesky', 'discord', 'slack', 'telegram',
        'webhook', 'linkedin', 'x', 'threads', 'facebook', 'instagram')),
    display_name text not null,
    handle text not null,
    -- Mastodon instance, Bluesky PDS, webhook host: shown to people, never a secret
    instance_url text,
    colour text not null check (colour ~ '^#[0-9a-f]{6}$'),
    state text not null default 'connected' check (state in ('connected', 'needs_reauth', 'paused')),
    state_reason text,
    credentials bytea not null,
    -- what the instance reported on the last successful test (Mastodon)
    max_characters integer,
    characters_reserved_per_url integer,
    last_tested_at timestamptz,
    last_test_ok boolean,
    last_test_message text,
    created_by uuid references users (id) on delete set null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index accounts_workspace_idx on accounts (workspace_id, created_at);
