-- Sign-in attempts are written before the password is checked (so a burst cannot pass the
-- count before any failure is recorded), and a browser that signed in before ("device") has
-- a failure budget of its own, apart from the per-email lock.
alter table signin_failures add column device text;
create index signin_failures_device_idx on signin_failures (device, failed_at) where device is not null;

-- New accounts (sign-ups and accepted invites) per client address: each costs a password hash.
create table new_account_attempts (
    id bigint generated always as identity primary key,
    ip text not null,
    attempted_at timestamptz not null default now()
);
create index new_account_attempts_ip_idx on new_account_attempts (ip, attempted_at);
