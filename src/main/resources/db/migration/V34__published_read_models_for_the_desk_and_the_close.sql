-- Published read models for the deal desk, the portal and the monthly close, which still named
-- other features' tables (TableOwnershipTest's allow-list). Each view reads one table, with its
-- columns (one of them computed) and at most a filter of the owner's, so the planner inlines it
-- and the readers' filters still use that table's indexes.

-- customer: each customer's tax id and account, and whether a partner created it. Read by the
-- deal desk (Claims, DealExpiry, ProjectRegistrations) to find the customer a claim names, and by
-- the close (DealsInMonth, UsageInMonth) to find a deal's customers.
create view customer_tax_id_view as
    select id as customer_id, tax_id, account_id, created_by_partner_id is not null as created_by_a_partner
      from customer;

-- customer: the links of customers to partners, half-open [valid_from, valid_to), with the
-- referral reward each earns. Read by the deal desk (Claims, DealExpiry) to see who a customer is
-- linked to on a day, and by the close (CustomersInMonth, UsageInMonth).
create view customer_link_view as
    select id as link_id, partner_id, customer_id, valid_from, valid_to, referral_reward
      from customer_link;

-- partner: each partner's name and program. Read by the deal desk (DealTracking) and the
-- portal (Invitations) to show whom a deal or an invitation belongs to.
create view partner_name_view as
    select id as partner_id, name, program_id
      from partner;

-- deal: the deals whose extra discount applies from their registration until they ended:
-- approved, or approved and later expired or released (a released pending deal has no percent).
-- Read by the close (DealsInMonth, UsageInMonth).
create view deal_discount_view as
    select id as deal_id, partner_id, customer_tax_id, registered_on, ended_on, extra_discount_percent
      from deal
     where status in ('APPROVED', 'EXPIRED', 'RELEASED') and extra_discount_percent is not null;

-- deal: the presales, technical or not, and when each was completed. Read by the close
-- (DealsInMonth) for the agent's fixed reward.
create view deal_presale_view as
    select id as presale_id, partner_id, title, technical, completed_on
      from presale;

-- deal: the project registrations with their rate. Read by the close (ProjectConsumption).
create view deal_project_registration_view as
    select id as registration_id, partner_id, customer_id, project_id, registered_on, valid_until, rate_percent
      from project_registration;

-- partner: each partner's contract (its date, program and own account) and name. Read by the
-- close (PartnersInMonth, PeriodClose, Statements).
create view partner_contract_view as
    select id as partner_id, program_id, name, contract_date, account_id
      from partner;

-- partner: the model and tier history, each change with its reason. Read by the close
-- (PartnersInMonth, Statements) and the qualification forecast (QualificationForecast).
create view partner_standing_view as
    select partner_id, effective_from, model, tier, reason, reason_code, reason_args
      from partner_standing;

-- partner: the specializations held, half-open [valid_from, valid_to). Read by the close
-- (PartnersInMonth) for the specialization rebate.
create view partner_specialization_view as
    select partner_id, specialization, valid_from, valid_to
      from partner_specialization;

-- ledger: the rebate ledger's entries (a correction names the entry it corrects). Read by the
-- close (LedgerInMonth) for the balance and withdrawals to Bonus, and by Statements.
create view ledger_entry_view as
    select id as entry_id, partner_id, kind, destination, period, amount, corrects, reference
      from ledger_entry;
