-- Per-account rate limits: until when a network asked us to wait (it answered 429), and the
-- account of every attempt, so recent attempts per account are counted from an index.
alter table accounts add column rate_limited_until timestamptz;

alter table publish_attempts add column account_id uuid references accounts (id) on delete cascade;
update publish_attempts a set account_id = t.account_id from post_targets t where t.id = a.target_id;
alter table publish_attempts alter column account_id set not null;
create index publish_attempts_account_started_idx on publish_attempts (account_id, started_at);
