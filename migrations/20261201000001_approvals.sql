-- Team approvals: review statuses and the workspace's setting, reviews with what they saw,
-- threaded comments, and an append-only audit log (publish attempts included).
alter table posts drop constraint posts_status_check;
alter table posts add constraint posts_status_check check (status in ('draft', 'in_review',
    'changes_requested', 'approved', 'scheduled', 'publishing', 'published', 'partially_failed',
    'failed', 'unknown', 'missed', 'cancelled'));

alter table posts
    -- set by an approval, cleared when the text or accounts change: what went out was seen
    add column approved_by uuid references users (id) on delete set null,
    add column approved_at timestamptz;
create index posts_in_review_idx on posts (workspace_id, updated_at) where status = 'in_review';

alter table workspaces
    add column approval_required boolean not null default true,
    add column editors_need_approval boolean not null default false,
    add column self_approval boolean not null default false;

-- Every submission and decision, with the post as the reviewer saw it (for "what changed").
create table post_reviews (
    id bigint generated always as identity primary key,
    post_id uuid not null references posts (id) on delete cascade,
    version integer not null,
    actor_id uuid references users (id) on delete set null,
    decision text not null check (decision in ('submitted', 'approved', 'changes_requested')),
    note text,
    -- {"body", "scheduled_at", "timezone", "targets": [{"account_id", "account", "body_override"}]}
    snapshot jsonb not null,
    created_at timestamptz not null default now()
);
create index post_reviews_post_idx on post_reviews (post_id, id desc);

create table comments (
    id uuid primary key default gen_random_uuid(),
    post_id uuid not null references posts (id) on delete cascade,
    parent_id uuid references comments (id) on delete cascade,
    author_id uuid references users (id) on delete set null,
    body text not null check (length(btrim(body)) between 1 and 5000),
    -- a reviewer's note is part of the thread too
    kind text not null default 'comment' check (kind in ('comment', 'changes_requested', 'approved')),
    created_at timestamptz not null default now()
);
create index comments_post_idx on comments (post_id, created_at);

-- Who did what, when. No foreign keys: the record outlives what it mentions. Rows are only
-- ever inserted; the triggers below refuse UPDATE, DELETE and TRUNCATE.
create table audit_log (
    id bigint generated always as identity primary key,
    workspace_id uuid,
    -- null for Herald itself (publishing, the sweeper)
    actor_id uuid,
    actor_name text not null,
    action text not null,
    subject_type text not null,
    subject_id text,
    summary text not null,
    details jsonb not null default '{}',
    created_at timestamptz not null default now()
);
create index audit_log_workspace_idx on audit_log (workspace_id, created_at desc, id desc);

create function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end $$;
create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_refuse_change();

-- Every publish attempt's outcome goes on record, in the engine's own transaction.
create function audit_publish_attempt() returns trigger language plpgsql as $$
declare
    ws uuid;
    post uuid;
    account text;
begin
    if new.finished_at is null or (tg_op = 'UPDATE' and old.finished_at is not null) then
        return null;
    end if;
    select p.workspace_id, p.id, a.display_name into ws, post, account
    from post_targets t join posts p on p.id = t.post_id join accounts a on a.id = t.account_id
    where t.id = new.target_id;
    insert into audit_log (workspace_id, actor_name, action, subject_type, subject_id, summary, details)
    values (ws, 'Herald', 'publish.' || coalesce(new.outcome, 'unknown'), 'post', post::text,
            format('Attempt %s to %s: %s%s', new.attempt, account, coalesce(new.outcome, 'unknown'),
                   coalesce(' (' || new.error || ')', '')),
            jsonb_build_object('target_id', new.target_id, 'attempt', new.attempt,
                               'outcome', new.outcome, 'http_status', new.http_status,
                               'error', new.error, 'worker', new.worker));
    return null;
end $$;
create trigger publish_attempts_audit after insert or update of finished_at on publish_attempts
    for each row execute function audit_publish_attempt();
