-- A partner's requisites beyond its name and tax id, as the provider's documents to it print them:
-- the KPP (a legal entity's tax registration reason code; an individual entrepreneur has none) and
-- the legal address. Set by an operator or by the partner.
alter table partner add column kpp text;
alter table partner add column legal_address text;
alter table partner add constraint ck_partner_kpp check (kpp is null or kpp ~ '^[0-9]{4}[0-9A-Z]{2}[0-9]{3}$');
alter table partner add constraint ck_partner_legal_address check (legal_address is null or length(legal_address) between 1 and 300);

-- What billing reads of a partner: its terms and now its requisites (new columns at the end).
create or replace view partner_billing_view as
    select id as partner_id, program_id, name, tax_id, payment_terms, billing_threshold, due_days, kpp, legal_address
      from partner;

-- An invoice keeps its parties as they were when it was issued: the partner's requisites as the buyer,
-- the provider's as the seller. A later change of either changes no issued invoice (nor its PDF).
-- Invoices issued before this have none; their documents print the requisites of the day.
alter table partner_invoice add column buyer jsonb;
alter table partner_invoice add column seller jsonb;
