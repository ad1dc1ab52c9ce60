-- Partner billing (docs/partner-billing.md): the provider's invoices to the partners that buy from it,
-- payments from the operator or the bank's statement, each partner's account.

-- The days a partner has to pay an invoice (the partner's terms; the rest of its billing terms,
-- payment_terms and billing_threshold, were stored from the start).
alter table partner add column due_days int;
alter table partner add constraint ck_partner_due_days check (due_days is null or due_days between 0 and 365);

-- What billing reads of a partner: who pays, on which terms, under which program.
create view partner_billing_view as
    select id as partner_id, program_id, name, tax_id, payment_terms, billing_threshold, due_days
      from partner;

-- What billing reads of the issued statements: the period's payable and what it is made of.
create view settlement_statement_total_view as
    select partner_id, period, program_id, currency, list_cost, discount, reward, rebate, bonus, payable
      from statement;

-- Invoices are numbered per program (per issuing provider) without gaps: the counter is taken in the
-- issuing transaction, so a number rolled back is never used.
create table partner_invoice_counter (
    program_id  text primary key,
    last_number int  not null
);

create table partner_invoice (
    id            bigint generated always as identity primary key,
    program_id    text           not null,
    seq           int            not null,
    number        text           not null,
    partner_id    bigint         not null references partner (id),
    kind          text           not null,
    period        date           not null,
    amount        numeric(19, 2) not null,
    currency      char(3)        not null,
    vat_rate      numeric(5, 2),
    vat           numeric(19, 2) not null,
    payment_terms text           not null,
    issued_on     date           not null,
    due_on        date           not null,
    created_at    timestamptz    not null default now(),
    constraint uq_partner_invoice_number unique (number),
    constraint uq_partner_invoice_seq unique (program_id, seq),
    constraint ck_partner_invoice_kind check (kind in ('MONTHLY', 'THRESHOLD')),
    constraint ck_partner_invoice_positive check (amount > 0),
    constraint ck_partner_invoice_period_is_month check (extract(day from period) = 1)
);
-- one monthly invoice per partner and month
create unique index uq_partner_invoice_monthly on partner_invoice (partner_id, period) where kind = 'MONTHLY';
create index ix_partner_invoice_partner on partner_invoice (partner_id, issued_on);

-- A negative remainder at the close (threshold invoices above the month's payable) is a credit on the
-- partner's account, never a negative invoice.
create table partner_account_credit (
    id         bigint generated always as identity primary key,
    partner_id bigint         not null references partner (id),
    period     date           not null,
    amount     numeric(19, 2) not null,
    currency   char(3)        not null,
    created_at timestamptz    not null default now(),
    constraint uq_partner_account_credit unique (partner_id, period),
    constraint ck_partner_account_credit_positive check (amount > 0)
);

-- A bank statement imported: the same file (by its SHA-256) again changes nothing.
create table payment_import (
    id          bigint generated always as identity primary key,
    sha256      char(64)    not null unique,
    file_name   text        not null,
    imported_by text        not null,
    imported_at timestamptz not null default now(),
    documents   int         not null,
    matched     int         not null,
    unmatched   int         not null,
    skipped     int         not null
);

-- A payment received: entered by an operator or read from a bank statement. Matched to a partner by
-- the payer's tax id (and the account it was paid to), to an invoice by its number in the purpose;
-- an unmatched payment (partner_id null) waits in the queue until an operator assigns it.
create table partner_payment (
    id              bigint generated always as identity primary key,
    reference       text           not null unique,
    amount          numeric(19, 2) not null,
    currency        char(3)        not null default 'RUB',
    received_on     date           not null,
    payer_tax_id    text,
    payer_name      text,
    payer_account   text,
    purpose         text,
    program_id      text,
    partner_id      bigint references partner (id),
    invoice_id      bigint references partner_invoice (id),
    matched_by      text,
    source          text           not null,
    import_id       bigint references payment_import (id),
    entered_by      text           not null,
    created_at      timestamptz    not null default now(),
    constraint ck_partner_payment_positive check (amount > 0),
    constraint ck_partner_payment_source check (source in ('OPERATOR', 'BANK')),
    constraint ck_partner_payment_matched_by check (matched_by is null
        or matched_by in ('TAX_ID', 'TAX_ID_AND_INVOICE', 'INVOICE', 'OPERATOR'))
);
create index ix_partner_payment_partner on partner_payment (partner_id, received_on);
create index ix_partner_payment_unmatched on partner_payment (created_at) where partner_id is null;

-- Warnings once per change of state: an invoice overdue, a prepaid account low or out.
create table partner_billing_warning (
    id         bigint generated always as identity primary key,
    partner_id bigint      not null references partner (id),
    subject    text        not null,
    state      text        not null,
    created_at timestamptz not null default now(),
    constraint uq_partner_billing_warning unique (partner_id, subject, state)
);

-- Issued invoices and account credits never change; a payment changes only by being matched.
create function refuse_billing_change() returns trigger language plpgsql as $$
begin
    raise exception '% rows are never changed or removed', tg_table_name using errcode = 'P0001';
end $$;

create trigger partner_invoice_immutable before update or delete on partner_invoice
    for each row execute function refuse_billing_change();
create trigger partner_account_credit_immutable before update or delete on partner_account_credit
    for each row execute function refuse_billing_change();

create function refuse_payment_rewrite() returns trigger language plpgsql as $$
begin
    if old.partner_id is not null or new.amount <> old.amount or new.reference <> old.reference
        or new.received_on <> old.received_on or new.payer_tax_id is distinct from old.payer_tax_id
        or new.purpose is distinct from old.purpose then
        raise exception 'a matched payment is never changed; an unmatched one only by its match' using errcode = 'P0001';
    end if;
    return new;
end $$;

create trigger partner_payment_matched_once before update on partner_payment
    for each row execute function refuse_payment_rewrite();
create trigger partner_payment_never_removed before delete on partner_payment
    for each row execute function refuse_billing_change();

