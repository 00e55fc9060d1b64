-- People, workspaces and who may do what in each.
create table users (
    id uuid primary key default gen_random_uuid(),
    email text not null,
    name text not null,
    -- null until an invited person sets a password
    password_hash text,
    created_at timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

create table workspaces (
    id uuid primary key default gen_random_uuid(),
    name text not null,
    timezone text not null default 'UTC',
    created_at timestamptz not null default now()
);

create table memberships (
    workspace_id uuid not null references workspaces (id) on delete cascade,
    user_id uuid not null references users (id) on delete cascade,
    role text not null check (role in ('owner', 'admin', 'editor', 'contributor', 'viewer')),
    created_at timestamptz not null default now(),
    primary key (workspace_id, user_id)
);
create index memberships_user_idx on memberships (user_id);

-- One-time links that let an invited person set a password. Only a hash of the token is kept.
create table invites (
    id uuid primary key default gen_random_uuid(),
    token_hash bytea not null unique,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    user_id uuid not null references users (id) on delete cascade,
    role text not null check (role in ('owner', 'admin', 'editor', 'contributor', 'viewer')),
    invited_by uuid references users (id) on delete set null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at timestamptz
);
create index invites_workspace_idx on invites (workspace_id) where used_at is null;

-- tower-sessions records (our own store on sqlx).
create table sessions (
    id text primary key,
    data jsonb not null,
    expires_at timestamptz not null
);
create index sessions_expires_idx on sessions (expires_at);

-- Failed sign-ins, counted over a short window to throttle password guessing.
create table signin_failures (
    id bigint generated always as identity primary key,
    email text not null,
    ip text not null,
    failed_at timestamptz not null default now()
);
create index signin_failures_email_idx on signin_failures (email, failed_at);
create index signin_failures_ip_idx on signin_failures (ip, failed_at);
