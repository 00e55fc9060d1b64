-- Posts, one target per (post, account), and the images they carry.
create table posts (
    id uuid primary key default gen_random_uuid(),
    workspace_id uuid not null references workspaces (id) on delete cascade,
    author_id uuid references users (id) on delete set null,
    body text not null default '',
    status text not null check (status in ('draft', 'scheduled', 'publishing', 'published',
        'partially_failed', 'failed', 'cancelled')),
    -- the instant, and the zone the person chose it in (shown and edited as wall time there)
    scheduled_at timestamptz,
    timezone text not null,
    -- bumped by every edit and reschedule; publish tasks carry it and go stale when it moves
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (status = 'draft' or scheduled_at is not null)
);
-- the calendar's one query per view: a workspace's posts in a time range
create index posts_workspace_time_idx on posts (workspace_id, scheduled_at);
create index posts_workspace_updated_idx on posts (workspace_id, updated_at desc);

create table post_targets (
    id uuid primary key default gen_random_uuid(),
    post_id uuid not null references posts (id) on delete cascade,
    -- an account with posts cannot be deleted by accident; the app explains what to do
    account_id uuid not null references accounts (id) on delete restrict,
    body_override text,
    status text not null check (status in ('draft', 'scheduled', 'publishing', 'retrying', 'published',
        'failed', 'unknown', 'cancelled')),
    unique (post_id, account_id)
);
create index post_targets_account_idx on post_targets (account_id);

create table media (
    id uuid primary key default gen_random_uuid(),
    workspace_id uuid not null references workspaces (id) on delete cascade,
    sha256 bytea not null,
    content_type text not null,
    byte_size integer not null,
    width integer not null,
    height integer not null,
    uploaded_by uuid references users (id) on delete set null,
    created_at timestamptz not null default now(),
    unique (workspace_id, sha256)
);

create table post_media (
    post_id uuid not null references posts (id) on delete cascade,
    media_id uuid not null references media (id) on delete restrict,
    position smallint not null,
    alt_text text not null default '',
    primary key (post_id, position)
);
