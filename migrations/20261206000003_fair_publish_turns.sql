-- Fair turns between workspaces in the publish queue. apalis fetches tasks by priority, then
-- run_at; a task's priority is minus its turn: its due second plus its place among its
-- workspace's tasks due in the same minute (counted here). A burst of thousands in one
-- workspace so queues behind every other workspace's next post instead of in front of it.
create table publish_turns (
    workspace_id uuid not null references workspaces (id) on delete cascade,
    minute timestamptz not null,
    taken integer not null,
    primary key (workspace_id, minute)
);

-- Tasks queued before this change had priority 0, ahead of every turn: give them theirs.
do $$
begin
    if to_regclass('apalis.jobs') is not null then
        update apalis.jobs
        set priority = -floor(extract(epoch from run_at - timestamptz '2020-01-01 00:00:00+00'))::int
        where job_type = 'herald::publish' and status in ('Pending', 'Failed');
    end if;
end
$$;
