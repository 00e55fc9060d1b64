-- The evergreen pool: posts a workspace shares again in posting slots still empty a set time
-- ahead (src/domain/plan/evergreen.rs decides which post fills which slot).
alter table workspaces
    -- the least time between two shares of one post on one account
    add column evergreen_cooldown_days integer not null default 30
        check (evergreen_cooldown_days between 1 and 3650),
    -- how far ahead an empty slot is filled
    add column evergreen_lead_hours integer not null default 24
        check (evergreen_lead_hours between 1 and 720),
    add column evergreen_no_two_in_a_row boolean not null default true,
    add column evergreen_paused boolean not null default false;

-- `evergreen_since`: the post is in the pool (among posts never shared, the earlier goes first).
-- `evergreen_of`: the post is a share of that pool post, made by the fill job.
alter table posts
    add column evergreen_since timestamptz,
    add column evergreen_of uuid references posts (id) on delete set null;
create index posts_evergreen_pool_idx on posts (workspace_id) where evergreen_since is not null;
create index posts_evergreen_of_idx on posts (evergreen_of) where evergreen_of is not null;
