-- Posting slots and the queue. A slot is a wall-clock time on a weekday in the account's zone
-- (the workspace's when the account has none), expanded per week by src/domain/plan.
alter table accounts add column timezone text;

create table posting_slots (
    account_id uuid not null references accounts (id) on delete cascade,
    -- ISO weekday: 1 is Monday
    weekday smallint not null check (weekday between 1 and 7),
    local_time time not null,
    primary key (account_id, weekday, local_time)
);

-- How a post got its time: by hand (the queue never moves it) or by the queue (moved along only
-- when a person asks for a re-flow or shares another post next). Queued posts have one target.
alter table posts add column placement text not null default 'manual'
    check (placement in ('manual', 'queue'));

-- the queue's question: what an account has from now on
create index posts_scheduled_idx on posts (scheduled_at) where status in ('in_review',
    'changes_requested', 'approved', 'scheduled');
