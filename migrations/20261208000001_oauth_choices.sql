-- Facebook and Instagram list several Pages or accounts behind one sign-in: the person picks
-- which to connect. The list (with each one's token) waits here, sealed, until they choose;
-- it is taken once.
alter table oauth_flows add column sealed_choices bytea;
