-- Published read models. Each feature owns its tables (docs/architecture.md, "Data ownership");
-- another feature reads them through a view named <owner>_..._view, or through the owner's Java
-- API, never by naming the tables. A view reads only its owner's tables. TableOwnershipTest keeps
-- both rules, and lists in its allow-list the reads still made around them.

-- customer: every customer's billing account (usage attributes rows by it; a partner's own
-- account must be no customer's).
create view customer_account_view as
    select id as customer_id, account_id
      from customer;

-- partner: every partner with its program and own account (null: none).
create view partner_account_view as
    select id as partner_id, program_id, account_id
      from partner;

-- partner: how a partner ends, if it does: its exit notice and its revocation (either may be null).
create view partner_ending_view as
    select p.id as partner_id, e.exit_date, e.given_on, r.revoked_on, r.reason as revocation_reason
      from partner p
      left join exit_notice e on e.partner_id = p.id
      left join revocation r on r.partner_id = p.id;

-- shared: the closed months (a close seals them; nothing dated in them is written afterwards).
create view shared_closed_month_view as
    select period
      from accounting_period
     where status = 'CLOSED';

-- usage: the imports, and which of them the consumption-per-service summary has added.
create view usage_import_view as
    select id as import_id, periods
      from usage_import;

create view usage_summarized_import_view as
    select import_id
      from consumption_service_import;

-- usage: the imported rows a month's aggregate reads (the close benchmark's baseline); a filter
-- on period still reads that month's partition only.
create view usage_row_view as
    select period, account_id, service_name, charge_category, funding_source, list_cost
      from usage_row;

-- deal: which imports the deal desk's consumption days have summarized.
create view deal_summarized_import_view as
    select import_id
      from consumption_summary_import;

-- settlement: the issued statement lines (the close benchmark counts a month's).
create view settlement_statement_line_view as
    select partner_id, period, line_no, kind, customer_id, amount
      from statement_line;
