-- Partners, their customers and their claims on customers (deals, project registrations).
-- Every table holding partner data carries partner_id. Constraints are named for the rule they keep.

create extension if not exists btree_gist;

create table partner (
    id                 bigint generated always as identity primary key,
    program_id         text          not null,
    model              text          not null,
    tier               text,
    name               text          not null,
    legal_form         text          not null,
    tax_id             text          not null,
    registered_on      date          not null,
    country            char(2)       not null,
    contract_date      date          not null,
    account_id         text,
    payment_terms      text          not null default 'PREPAYMENT',
    billing_threshold  numeric(19, 2),
    created_at         timestamptz   not null default now(),
    created_by         text          not null,
    constraint uq_partner_tax_id_per_program unique (program_id, tax_id),
    constraint uq_partner_own_account unique (account_id),
    constraint ck_partner_payment_terms check (payment_terms in ('PREPAYMENT', 'POSTPAYMENT')),
    constraint ck_partner_threshold_positive check (billing_threshold is null or billing_threshold > 0)
);

-- Model and tier over time: the first row is the contract, later rows are tier or model changes.
create table partner_standing (
    id             bigint generated always as identity primary key,
    partner_id     bigint not null references partner (id),
    effective_from date   not null,
    model          text   not null,
    tier           text,
    reason         text   not null,
    recorded_at    timestamptz not null default now(),
    constraint uq_partner_standing_per_day unique (partner_id, effective_from)
);

create table partner_token (
    id          bigint generated always as identity primary key,
    partner_id  bigint   not null references partner (id),
    token_hash  char(64) not null,
    label       text,
    created_at  timestamptz not null default now(),
    created_by  text     not null,
    revoked_at  timestamptz,
    constraint uq_partner_token_hash unique (token_hash)
);

create table exam_pass (
    id          bigint generated always as identity primary key,
    partner_id  bigint not null references partner (id),
    passed_on   date   not null,
    recorded_at timestamptz not null default now(),
    recorded_by text   not null
);

create table exit_notice (
    partner_id  bigint primary key references partner (id),
    given_on    date   not null,
    exit_date   date   not null,
    recorded_at timestamptz not null default now(),
    recorded_by text   not null,
    constraint ck_exit_after_notice check (exit_date > given_on)
);

create table revocation (
    partner_id  bigint primary key references partner (id),
    revoked_on  date   not null,
    reason      text   not null,
    recorded_at timestamptz not null default now(),
    recorded_by text   not null,
    constraint ck_revocation_has_reason check (length(trim(reason)) > 0)
);

create table customer (
    id                    bigint generated always as identity primary key,
    name                  text not null,
    tax_id                text not null,
    account_id            text not null,
    created_at            timestamptz not null default now(),
    created_by            text not null,
    created_by_partner_id bigint references partner (id),
    constraint uq_customer_account unique (account_id)
);
create index ix_customer_tax_id on customer (tax_id);

-- A customer belongs to at most one partner at any instant; valid_to is exclusive (half-open).
create table customer_link (
    id              bigint generated always as identity primary key,
    partner_id      bigint not null references partner (id),
    customer_id     bigint not null references customer (id),
    valid_from      date   not null,
    valid_to        date,
    referral_reward text   not null default 'MONTHLY',
    created_at      timestamptz not null default now(),
    created_by      text   not null,
    constraint ck_link_ends_after_start check (valid_to is null or valid_to > valid_from),
    constraint ck_link_referral_reward check (referral_reward in ('MONTHLY', 'FIRST_MONTH')),
    constraint ex_customer_one_partner_at_a_time
        exclude using gist (customer_id with =, daterange(valid_from, valid_to, '[)') with &&)
);
create index ix_customer_link_partner on customer_link (partner_id, valid_from);

create table deal (
    id                      bigint generated always as identity primary key,
    partner_id              bigint not null references partner (id),
    customer_tax_id         text   not null,
    customer_name           text   not null,
    title                   text   not null,
    expected_monthly_amount numeric(19, 2),
    registered_on           date   not null,
    status                  text   not null,
    reason                  text,
    extra_discount_percent  numeric(5, 2),
    decided_at              timestamptz,
    decided_by              text,
    created_at              timestamptz not null default now(),
    created_by              text   not null,
    constraint ck_deal_status check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    constraint ck_deal_refusal_has_reason check (status <> 'REJECTED' or reason is not null),
    constraint ck_deal_approval_has_percent check (status <> 'APPROVED' or extra_discount_percent is not null)
);
-- One partner at a time holds an active claim on a customer: concurrent registrations race here.
create unique index uq_deal_active_claim on deal (customer_tax_id) where status in ('PENDING', 'APPROVED');
create index ix_deal_partner on deal (partner_id, registered_on);

create table project_registration (
    id            bigint generated always as identity primary key,
    partner_id    bigint       not null references partner (id),
    customer_id   bigint       not null references customer (id),
    project_id    text         not null,
    registered_on date         not null,
    valid_until   date         not null,
    rate_percent  numeric(5, 2) not null,
    created_at    timestamptz  not null default now(),
    created_by    text         not null,
    constraint ck_project_rate check (rate_percent > 0 and rate_percent <= 100),
    constraint ex_project_one_claim_at_a_time
        exclude using gist (project_id with =, daterange(registered_on, valid_until, '[)') with &&)
);
create index ix_project_partner on project_registration (partner_id);
