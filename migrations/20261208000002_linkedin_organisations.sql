-- A LinkedIn app with the Community Management API may post to the organisation pages its
-- people administer: the instance admin says so, and the sign-in then asks for those scopes.
alter table network_apps add column organisations boolean not null default false;
alter table network_apps add constraint network_apps_organisations_linkedin
    check (not organisations or platform = 'linkedin');
