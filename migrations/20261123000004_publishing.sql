-- Publishing: each target's progress, every attempt, and pausing per workspace.
alter table posts drop constraint posts_status_check;
alter table posts add constraint posts_status_check check (status in ('draft', 'scheduled',
    'publishing', 'published', 'partially_failed', 'failed', 'unknown', 'missed', 'cancelled'));

alter table post_targets drop constraint post_targets_status_check;
alter table post_targets add constraint post_targets_status_check check (status in ('draft',
    'scheduled', 'publishing', 'retrying', 'published', 'failed', 'unknown', 'missed', 'paused',
    'cancelled'));

alter table post_targets
    -- when it may next be attempted: the post's time, or the time of its next retry
    add column due_at timestamptz,
    add column attempts integer not null default 0,
    -- the apalis task that will run it (apalis.jobs.id), so the sweeper sees a live task cheaply
    add column task_id text,
    add column claimed_at timestamptz,
    add column claimed_by text,
    add column remote_id text,
    add column remote_url text,
    add column published_at timestamptz,
    -- why it failed, is unknown, missed or paused: shown to people, never holds a secret
    add column last_error text,
    -- what kind of trouble (transient, rejected, unauthorized, protocol, crashed, missed, paused)
    add column error_kind text;

update post_targets t set due_at = p.scheduled_at
from posts p where p.id = t.post_id and t.status = 'scheduled';

-- the sweeper's and the dashboard's questions
create index post_targets_due_idx on post_targets (due_at) where status in ('scheduled', 'retrying');
create index post_targets_claimed_idx on post_targets (claimed_at) where status = 'publishing';
create index post_targets_status_idx on post_targets (status);

create table publish_attempts (
    id bigint generated always as identity primary key,
    target_id uuid not null references post_targets (id) on delete cascade,
    attempt integer not null,
    worker text not null,
    started_at timestamptz not null default now(),
    finished_at timestamptz,
    outcome text check (outcome in ('published', 'retry', 'failed', 'unknown')),
    http_status smallint,
    error text,
    unique (target_id, attempt)
);

alter table workspaces add column publishing_paused boolean not null default false;
