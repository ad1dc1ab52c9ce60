-- The partner lifecycle (docs/lifecycle.md): customer consent to a link, customer transfers
-- between partners or to direct service, consent revoked, a partner's exit or revocation taking
-- effect, and the final statement paying out the rebate balance.

-- A link a partner asks for where the program requires the customer's consent: no customer_link
-- yet (the close reads customer_link, so nothing counts) until the customer confirms through a
-- one-time link. Only the token's SHA-256 is stored. Expiry is derived from expires_at; a
-- cancelled request (replaced by a newer one, or its partner left) says why.
-- link_id and transfer_from_link_id name links without a foreign key: a link that would only have
-- started after its partner left is removed when the partner leaves (it never took effect).
create table link_request (
    id               bigint generated always as identity primary key,
    partner_id       bigint      not null references partner (id),
    customer_id      bigint      not null references customer (id),
    kind             text        not null,
    requested_from   date        not null,
    requested_to     date,
    referral_reward  text        not null default 'MONTHLY',
    token_hash       char(64)    not null,
    expires_at       timestamptz not null,
    status           text        not null default 'PENDING',
    link_id          bigint,
    decided_at       timestamptz,
    cancelled_reason text,
    created_at       timestamptz not null default now(),
    created_by       text        not null,
    constraint uq_link_request_token unique (token_hash),
    constraint ck_link_request_kind check (kind in ('LINK', 'TRANSFER')),
    constraint ck_link_request_status check (status in ('PENDING', 'CONFIRMED', 'CANCELLED')),
    constraint ck_link_request_confirmed_names_link check ((status = 'CONFIRMED') = (link_id is not null)),
    constraint ck_link_request_cancelled_has_reason check (status <> 'CANCELLED' or cancelled_reason is not null),
    constraint ck_link_request_interval check (requested_to is null or requested_to > requested_from),
    constraint ck_link_request_referral_reward check (referral_reward in ('MONTHLY', 'FIRST_MONTH'))
);
-- A partner has one open request per customer: asking again replaces the earlier one.
create unique index uq_link_request_open_per_partner_and_customer on link_request (partner_id, customer_id)
    where status = 'PENDING';
create index ix_link_request_partner on link_request (partner_id, id);

-- How the customer's consent to a link is known: the day an operator says it was obtained, or
-- the request the customer confirmed.
alter table customer_link add column consent_obtained_on date;
alter table customer_link add column link_request_id bigint references link_request (id);

-- A customer moved from one partner to another, or to direct service, on a day: the old link
-- ends that day and the new one starts that day. Both links stay, so does this record.
create table customer_transfer (
    id                  bigint generated always as identity primary key,
    customer_id         bigint not null references customer (id),
    from_partner_id     bigint not null references partner (id),
    from_link_id        bigint not null,
    to_partner_id       bigint references partner (id),
    to_link_id          bigint,
    transferred_on      date   not null,
    consent_obtained_on date,
    link_request_id     bigint references link_request (id),
    created_at          timestamptz not null default now(),
    created_by          text   not null,
    constraint ck_transfer_has_consent check (consent_obtained_on is not null or link_request_id is not null),
    constraint ck_transfer_target_has_link check ((to_partner_id is null) = (to_link_id is null)),
    constraint ck_transfer_to_another_partner check (to_partner_id is distinct from from_partner_id)
);
create index ix_customer_transfer_customer on customer_transfer (customer_id, id);

-- A customer withdrew its consent to a link: the link ended on revoked_on.
create table consent_revocation (
    id           bigint generated always as identity primary key,
    customer_id  bigint not null references customer (id),
    partner_id   bigint not null references partner (id),
    link_id      bigint not null references customer_link (id),
    revoked_on   date   not null,
    reason       text   not null,
    created_at   timestamptz not null default now(),
    created_by   text   not null,
    constraint ck_consent_revocation_has_reason check (length(trim(reason)) > 0)
);
create index ix_consent_revocation_customer on consent_revocation (customer_id);

-- A partner's exit or revocation took effect: its links ended, its claims were released. One row
-- per partner; the daily task and the close skip partners that have one.
create table partner_departure (
    partner_id         bigint primary key references partner (id),
    left_on            date   not null,
    cause              text   not null,
    links_ended        int    not null,
    deals_released     int    not null,
    requests_cancelled int    not null,
    taken_effect_at    timestamptz not null default now(),
    recorded_by        text   not null,
    constraint ck_partner_departure_cause check (cause in ('EXIT', 'REVOCATION'))
);

create trigger customer_transfer_is_append_only
    before update or delete on customer_transfer
    for each row execute function refuse_change();
create trigger consent_revocation_is_append_only
    before update or delete on consent_revocation
    for each row execute function refuse_change();
create trigger partner_departure_is_append_only
    before update or delete on partner_departure
    for each row execute function refuse_change();

-- The final statement (the month of the partner's last day) pays the remaining rebate balance out
-- to the bank account: a BALANCE_PAYOUT line, summed in the statement's balance_payout.
alter table statement_line drop constraint ck_statement_line_kind;
alter table statement_line add constraint ck_statement_line_kind check (kind in ('LIST_COST', 'EXCLUSION', 'DISCOUNT',
    'REWARD', 'REBATE', 'BONUS', 'PROVIDER_PAID', 'BALANCE_PAYOUT'));
alter table statement add column balance_payout numeric(19, 2) not null default 0;
