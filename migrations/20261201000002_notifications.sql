-- Notifications in the app and by mail, once per (event, person), and the events the
-- publishing engine causes (recorded by triggers, in the engine's own transactions).
-- In-app notifications: one per (event, person), so a retried event never doubles.
create table notifications (
    id bigint generated always as identity primary key,
    event_id bigint not null,
    user_id uuid not null references users (id) on delete cascade,
    workspace_id uuid not null references workspaces (id) on delete cascade,
    kind text not null check (kind in ('submitted', 'approved', 'changes_requested', 'commented',
        'target_failed', 'account_reauth')),
    title text not null,
    body text not null default '',
    link text not null,
    created_at timestamptz not null default now(),
    read_at timestamptz,
    unique (event_id, user_id)
);
create index notifications_user_idx on notifications (user_id, workspace_id, id desc);

-- What each person wants, per kind; no row means both on.
create table notification_settings (
    user_id uuid not null references users (id) on delete cascade,
    kind text not null,
    in_app boolean not null default true,
    email boolean not null default true,
    primary key (user_id, kind)
);

-- Mail to send, one per (event, person). A row is claimed before the SMTP call and marked
-- sent after; a claim a crash left behind is never sent again (no duplicate mail).
create table email_outbox (
    id bigint generated always as identity primary key,
    event_id bigint not null,
    user_id uuid not null references users (id) on delete cascade,
    to_address text not null,
    subject text not null,
    body text not null,
    link text not null,
    created_at timestamptz not null default now(),
    next_attempt_at timestamptz not null default now(),
    attempts integer not null default 0,
    claimed_at timestamptz,
    sent_at timestamptz,
    last_error text,
    unique (event_id, user_id)
);
create index email_outbox_due_idx on email_outbox (next_attempt_at)
    where sent_at is null and claimed_at is null;

-- Tells one person of an event, in the app and by mail, as their settings say.
create function herald_notify(p_event bigint, p_workspace uuid, p_user uuid, p_kind text,
                              p_title text, p_body text, p_link text) returns integer
language plpgsql as $$
declare
    wants_app boolean;
    wants_email boolean;
begin
    select coalesce(s.in_app, true), coalesce(s.email, true) into wants_app, wants_email
    from (select 1) as one
    left join notification_settings s on s.user_id = p_user and s.kind = p_kind;
    if wants_app then
        insert into notifications (event_id, user_id, workspace_id, kind, title, body, link)
        values (p_event, p_user, p_workspace, p_kind, p_title, p_body, p_link)
        on conflict (event_id, user_id) do nothing;
    end if;
    if wants_email then
        insert into email_outbox (event_id, user_id, to_address, subject, body, link)
        select p_event, u.id, u.email, p_title, p_body, p_link
        from users u where u.id = p_user and u.password_hash is not null
        on conflict (event_id, user_id) do nothing;
    end if;
    return 1;
end $$;

-- A target that failed or whose outcome is unknown: on record, and its author and the
-- workspace's admins hear of it.
create function notify_target_trouble() returns trigger language plpgsql as $$
declare
    ws uuid;
    author uuid;
    excerpt text;
    account text;
    event bigint;
    title text;
begin
    select p.workspace_id, p.author_id, left(p.body, 80), a.display_name
    into ws, author, excerpt, account
    from posts p join accounts a on a.id = new.account_id where p.id = new.post_id;
    title := case new.status when 'failed' then format('Not published to %s', account)
                             else format('Did it go out on %s? Please check', account) end;
    insert into audit_log (workspace_id, actor_name, action, subject_type, subject_id, summary, details)
    values (ws, 'Herald', 'target.' || new.status, 'post', new.post_id::text,
            format('%s: %s', title, coalesce(new.last_error, 'no reason given')),
            jsonb_build_object('target_id', new.id, 'account', account, 'error', new.last_error))
    returning id into event;
    perform herald_notify(event, ws, m.user_id, 'target_failed', title,
                          format('“%s”: %s', excerpt, coalesce(new.last_error, 'no reason given')),
                          '/compose?post=' || new.post_id)
    from memberships m
    where m.workspace_id = ws and (m.role in ('owner', 'admin') or m.user_id = author);
    return null;
end $$;
create trigger post_targets_trouble after update of status on post_targets
    for each row when (new.status in ('failed', 'unknown') and old.status is distinct from new.status)
    execute function notify_target_trouble();

-- An account whose credentials stopped working: on record, and the admins hear of it.
create function notify_account_reauth() returns trigger language plpgsql as $$
declare
    event bigint;
    title text := format('%s needs to be connected again', new.display_name);
begin
    insert into audit_log (workspace_id, actor_name, action, subject_type, subject_id, summary, details)
    values (new.workspace_id, 'Herald', 'account.needs_reauth', 'account', new.id::text,
            format('%s: %s', title, coalesce(new.state_reason, 'its credentials were refused')),
            jsonb_build_object('platform', new.platform, 'reason', new.state_reason))
    returning id into event;
    perform herald_notify(event, new.workspace_id, m.user_id, 'account_reauth', title,
                          coalesce(new.state_reason, 'Its credentials were refused.'), '/accounts')
    from memberships m
    where m.workspace_id = new.workspace_id and m.role in ('owner', 'admin');
    return null;
end $$;
create trigger accounts_needs_reauth after update of state on accounts
    for each row when (new.state = 'needs_reauth' and old.state is distinct from 'needs_reauth')
    execute function notify_account_reauth();
