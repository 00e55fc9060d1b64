-- An invite names an email, not an account. Nobody is created or added to a workspace until
-- the invited person accepts: someone new by choosing a password through the link, someone
-- with an account by accepting while signed in. So an invite can never set the password of
-- an account it did not create, nor add anyone without their say.
alter table invites add column email text;
update invites i set email = u.email from users u where u.id = i.user_id;
alter table invites alter column email set not null;
alter table invites add column accepted_by uuid references users (id) on delete set null;
update invites set accepted_by = user_id where used_at is not null;

-- People invited before who never chose a password were members only on paper: their open
-- invite (kept above, by email) is what stands for them now.
delete from memberships m using users u where u.id = m.user_id and u.password_hash is null;
alter table invites drop column user_id;
delete from users where password_hash is null;
alter table users alter column password_hash set not null;

-- One open invite per address and workspace: inviting again gives it a new token.
delete from invites a using invites b
where a.used_at is null and b.used_at is null and a.workspace_id = b.workspace_id
  and lower(a.email) = lower(b.email) and (a.created_at, a.id) < (b.created_at, b.id);
create unique index invites_open_email_key on invites (workspace_id, lower(email)) where used_at is null;
