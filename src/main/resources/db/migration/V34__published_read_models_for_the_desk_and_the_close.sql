-- Published read models for the deal desk, the portal and the monthly close, which still named
-- other features' tables (TableOwnershipTest's allow-list). Each view is over one table with a
-- plain column list, so the readers' filters still use that table's indexes.

-- customer: each customer's tax id and account, and whether a partner created it. Read by the
-- deal desk (Claims, DealExpiry, ProjectRegistrations) to find the customer a claim names.
create view customer_tax_id_view as
    select id as customer_id, tax_id, account_id, created_by_partner_id is not null as created_by_a_partner
      from customer;

-- customer: the links of customers to partners, half-open [valid_from, valid_to). Read by the
-- deal desk (Claims, DealExpiry) to see who a customer is linked to on a day.
create view customer_link_view as
    select id as link_id, partner_id, customer_id, valid_from, valid_to
      from customer_link;

-- partner: each partner's name and program. Read by the deal desk (DealTracking) and the
-- portal (Invitations) to show whom a deal or an invitation belongs to.
create view partner_name_view as
    select id as partner_id, name, program_id
      from partner;
