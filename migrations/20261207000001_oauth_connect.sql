-- Connecting accounts with "Sign in with …" (OAuth 2.0), and tokens that refresh themselves.

-- The person who runs this Herald: enters the instance's own apps at each network. The first
-- person to sign up (the self-hoster) is it.
alter table users add column instance_admin boolean not null default false;
update users set instance_admin = true
 where id = (select id from users order by created_at, id limit 1);

-- This instance's OAuth app at a network (X, LinkedIn, Meta …), entered once. The secret is
-- sealed by the application and never shown again.
create table network_apps (
    platform text primary key check (platform in ('linkedin', 'x', 'threads', 'facebook', 'instagram')),
    client_id text not null check (length(client_id) between 1 and 200),
    -- null: a public client (PKCE only)
    client_secret bytea,
    updated_by uuid references users (id) on delete set null,
    updated_at timestamptz not null default now()
);

-- Herald's registration at a Mastodon server (POST /api/v1/apps), shared by every account
-- there. Keyed by the redirect URI too: a Herald moved to a new address registers again.
create table mastodon_apps (
    instance_url text not null,
    redirect_uri text not null,
    client_id text not null,
    client_secret bytea not null,
    scopes text not null,
    created_at timestamptz not null default now(),
    primary key (instance_url, redirect_uri)
);

-- One sign-in in progress. Only hashes of the `state` sent to the network and of the cookie
-- that binds the flow to its browser are kept; the PKCE verifier is sealed. A flow is used
-- once (`used_at`), and keeps its outcome for the page the person lands on.
create table oauth_flows (
    id uuid primary key,
    state_hash bytea not null unique,
    browser_hash bytea not null,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    user_id uuid references users (id) on delete cascade,
    platform text not null,
    instance_url text,
    reconnect_account_id uuid references accounts (id) on delete cascade,
    colour text not null check (colour ~ '^#[0-9a-f]{6}$'),
    sealed_verifier bytea not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at timestamptz,
    outcome_ok boolean,
    outcome_message text,
    account_id uuid references accounts (id) on delete set null
);
create index oauth_flows_created_idx on oauth_flows (created_at);

-- A token that expires: its refresh token (sealed), when the access token runs out, and how
-- the last refresh went. Null expiry: the token does not expire (Mastodon) or was pasted.
alter table accounts
    add column refresh_token bytea,
    add column token_expires_at timestamptz,
    add column token_refreshed_at timestamptz,
    add column token_error text;
create index accounts_token_expiry_idx on accounts (token_expires_at)
    where refresh_token is not null;

-- A link an admin sends to a client (an agency's customer) so they can connect one account
-- of one network into this workspace without a Herald login. Only a hash of its token is
-- kept; it works once, until it expires or is withdrawn.
create table connect_links (
    id uuid primary key,
    token_hash bytea not null unique,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    platform text not null,
    note text not null default '' check (length(note) <= 200),
    created_by uuid references users (id) on delete set null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at timestamptz,
    withdrawn_at timestamptz,
    account_id uuid references accounts (id) on delete set null
);
create index connect_links_workspace_idx on connect_links (workspace_id, created_at);
alter table oauth_flows add column connect_link_id uuid references connect_links (id) on delete cascade;
