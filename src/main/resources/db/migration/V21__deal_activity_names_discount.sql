-- A deal's activity log is read by people who may not see discounts (a partner's SALES users).
-- An entry that names the deal's extra discount (an approval) says so, and the portal shows such an
-- entry without the figure to them. The entries stay as written; only the new flag is filled in
-- for the approvals logged before it existed (their text starts with the platform's own words).
alter table deal_activity add column names_discount boolean not null default false;

alter table deal_activity disable trigger deal_activity_is_append_only;
update deal_activity set names_discount = true where kind = 'DECISION' and text like 'Approved with +%';
alter table deal_activity enable trigger deal_activity_is_append_only;
