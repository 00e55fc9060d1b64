-- Recurring posts. A series holds the content and the rule (domain::plan::repeat::Repeat as
-- JSON); a background job makes its occurrences ahead as ordinary posts, so the calendar,
-- approvals and the publishing engine treat them like any other.
create table series (
    id uuid primary key,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    -- occurrences are made as this person (their role decides review or schedule)
    author_id uuid references users (id) on delete set null,
    body text not null,
    -- [{account_id, body_override}] and [{media_id, alt_text}], as the composer sends them
    targets jsonb not null,
    media jsonb not null default '[]',
    rule jsonb not null,
    -- occurrences are made up to this instant; an edit of the series sets it back
    made_until timestamptz not null,
    stopped_at timestamptz,
    version integer not null default 1,
    created_at timestamptz not null default now()
);
create index series_workspace_idx on series (workspace_id);

-- An occurrence names its series and its local date; `edited_alone` is set when a person
-- changes that one post, so editing the series leaves it as it is.
alter table posts
    add column series_id uuid references series (id) on delete set null,
    add column occurrence_on date,
    add column edited_alone boolean not null default false;
create unique index posts_series_occurrence_idx on posts (series_id, occurrence_on)
    where series_id is not null;
