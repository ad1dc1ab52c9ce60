-- White label and customer billing (docs/whitelabel.md): the partner's brand, its price lists, its
-- customers' payment models, payments and the invoices the close issues in the partner's name.

-- The brand of a white-label partner: what its customer cabinet, invoices and e-mails show.
create table partner_branding (
    partner_id    bigint primary key references partner (id),
    display_name  text   not null,
    primary_color text   not null,
    logo          text,
    support_email text,
    support_phone text,
    docs_url      text,
    updated_by    text   not null,
    updated_at    timestamptz not null default now(),
    constraint ck_branding_color_hex check (primary_color ~ '^#[0-9a-fA-F]{6}$')
);

-- A partner's price list from the first day of a month: a customer's price is the list cost times
-- (1 + markup / 100), the service's markup or the default. Versions never change once a closed
-- month used them.
create table price_list (
    id             bigserial primary key,
    partner_id     bigint  not null references partner (id),
    effective_from date    not null,
    default_markup numeric(7, 2) not null,
    created_by     text    not null,
    created_at     timestamptz not null default now(),
    constraint uq_price_list_partner_from unique (partner_id, effective_from),
    constraint ck_price_list_first_day check (effective_from = date_trunc('month', effective_from)::date)
);

create table price_list_service (
    price_list_id bigint not null references price_list (id),
    service       text   not null,
    markup        numeric(7, 2) not null,
    constraint pk_price_list_service primary key (price_list_id, service)
);

-- How the partner invoices its customers: the VAT rate (null: no VAT, a simplified tax system) and
-- the days a postpaid customer has to pay.
create table customer_invoicing (
    partner_id       bigint primary key references partner (id),
    vat_rate         numeric(5, 2),
    due_days         int  not null,
    updated_by       text not null,
    constraint ck_customer_invoicing_vat check (vat_rate is null or (vat_rate >= 0 and vat_rate <= 100)),
    constraint ck_customer_invoicing_due_days check (due_days >= 0)
);

-- A customer's payment model with the partner (POSTPAID unless set).
create table customer_payment_model (
    partner_id  bigint not null references partner (id),
    customer_id bigint not null references customer (id),
    model       text   not null,
    due_days    int,
    updated_by  text   not null,
    constraint pk_customer_payment_model primary key (partner_id, customer_id),
    constraint ck_customer_payment_model check (model in ('PREPAID', 'POSTPAID')),
    constraint ck_customer_payment_model_due_days check (due_days is null or due_days >= 0)
);

-- Payments a customer made to the partner; a reference is recorded once per customer.
create table customer_payment (
    id          bigserial primary key,
    partner_id  bigint not null references partner (id),
    customer_id bigint not null references customer (id),
    amount      numeric(19, 2) not null,
    received_on date   not null,
    reference   text   not null,
    recorded_by text   not null,
    recorded_at timestamptz not null default now(),
    constraint ck_customer_payment_positive check (amount > 0),
    constraint uq_customer_payment_reference unique (partner_id, customer_id, reference)
);

-- An invoice in the partner's name to its customer for a closed month, numbered per partner
-- without gaps (customer_invoice_counter, taken in the close's transaction).
create table customer_invoice (
    id            bigserial primary key,
    partner_id    bigint not null references partner (id),
    customer_id   bigint not null references customer (id),
    period        date   not null,
    number        int    not null,
    issued_on     date   not null,
    payment_model text   not null,
    due_on        date,
    price_list_id bigint not null references price_list (id),
    subtotal      numeric(19, 2) not null,
    vat_rate      numeric(5, 2),
    vat           numeric(19, 2) not null,
    total         numeric(19, 2) not null,
    currency      char(3) not null,
    constraint uq_customer_invoice_number unique (partner_id, number),
    constraint uq_customer_invoice_period unique (partner_id, customer_id, period),
    constraint ck_customer_invoice_total check (total = subtotal + vat)
);
create index ix_customer_invoice_customer on customer_invoice (customer_id, period);

create table customer_invoice_line (
    invoice_id bigint not null references customer_invoice (id),
    line_no    int    not null,
    service    text   not null,
    amount     numeric(19, 2) not null,
    constraint pk_customer_invoice_line primary key (invoice_id, line_no)
);

create table customer_invoice_counter (
    partner_id  bigint primary key references partner (id),
    last_number int not null
);

-- An issued invoice never changes.
create trigger customer_invoice_never_changes before update or delete on customer_invoice
    for each row execute function refuse_change();
create trigger customer_invoice_line_never_changes before update or delete on customer_invoice_line
    for each row execute function refuse_change();

-- whitelabel: which partners invoice their customers from which month (the close reads it).
create view whitelabel_price_list_view as
    select partner_id, effective_from from price_list;

-- customer: every customer's name (documents and margins name customers, never ids alone).
create view customer_name_view as
    select id as customer_id, name, tax_id
      from customer;
