-- Incentives (docs/incentives.md): bonus top-up codes, trials, free months, the sandbox, one-off
-- bonuses, co-marketing events and warm leads. The numbers (quotas, days, budgets) are program
-- data; these tables hold what was granted, when and by whom.

-- A bonus top-up code a partner hands to a prospect. The quarter is the calendar quarter of the
-- day it was issued (its first day). A customer redeems one code, ever.
create table bonus_code (
    code        text primary key,
    partner_id  bigint        not null references partner (id),
    amount      numeric(19, 2) not null,
    quarter     date          not null,
    issued_on   date          not null,
    issued_by   text          not null,
    customer_id bigint references customer (id),
    redeemed_on date,
    redeemed_by text,
    constraint ck_bonus_code_amount_positive check (amount > 0),
    constraint ck_bonus_code_quarter_first_day check (quarter = date_trunc('quarter', quarter)::date),
    constraint ck_bonus_code_redemption_whole
        check ((customer_id is null) = (redeemed_on is null) and (redeemed_on is null) = (redeemed_by is null))
);
create index ix_bonus_code_partner_quarter on bonus_code (partner_id, quarter);
create unique index uq_bonus_code_one_per_customer on bonus_code (customer_id) where customer_id is not null;

-- A customer's trial of the services, paid by the provider, from valid_from to valid_to (both
-- included); valid_to null: until the operator ends it (a Professional partner's trial).
create table trial (
    id          bigserial primary key,
    partner_id  bigint not null references partner (id),
    customer_id bigint not null references customer (id),
    valid_from  date   not null,
    valid_to    date,
    started_by  text   not null,
    ended_by    text,
    constraint uq_trial_one_per_customer unique (customer_id),
    constraint ck_trial_ends_after_start check (valid_to is null or valid_to >= valid_from)
);
create index ix_trial_partner on trial (partner_id);

-- A free month of chosen resources (usage ResourceId) of a customer, paid by the provider.
create table free_month (
    id           bigserial primary key,
    partner_id   bigint not null references partner (id),
    customer_id  bigint not null references customer (id),
    month        date   not null,
    resource_ids text[] not null,
    granted_by   text   not null,
    granted_at   timestamptz not null default now(),
    constraint uq_free_month_customer_month unique (customer_id, month),
    constraint ck_free_month_first_day check (month = date_trunc('month', month)::date),
    constraint ck_free_month_names_resources check (cardinality(resource_ids) > 0)
);
create index ix_free_month_partner on free_month (partner_id, month);

-- The partner's sandbox machine ("Cloudovka"): one per partner, ever.
create table sandbox (
    id           bigserial primary key,
    partner_id   bigint not null references partner (id),
    platform     text   not null,
    resource_id  text   not null,
    vcpu         int    not null,
    ram_gb       int    not null,
    ssd_gb       int    not null,
    requested_on date   not null,
    requested_by text   not null,
    constraint uq_sandbox_one_per_partner unique (partner_id),
    constraint ck_sandbox_platform check (platform in ('KVM', 'HYPER_V'))
);

-- The warnings a partner got before its sandbox becomes paid: each once (days_before 0: it is paid now).
create table sandbox_warning (
    sandbox_id  bigint not null references sandbox (id),
    paid_from   date   not null,
    days_before int    not null,
    warned_on   date   not null,
    constraint pk_sandbox_warning primary key (sandbox_id, paid_from, days_before)
);

-- One-off bonuses paid out on the statement of `period` (a BONUS_PAYMENT line). amount null: the
-- close computes it (SALES_MANAGER: a share of the customer's month after discount).
create table incentive_bonus (
    id           bigserial primary key,
    partner_id   bigint not null references partner (id),
    kind         text   not null,
    period       date   not null,
    published_on date   not null,
    amount       numeric(19, 2),
    customer_id  bigint references customer (id),
    reference    text   not null,
    granted_by   text   not null,
    granted_at   timestamptz not null default now(),
    constraint ck_incentive_bonus_kind check (kind in ('CASE_STUDY', 'TELEGRAM_COMMENT', 'SALES_MANAGER')),
    constraint ck_incentive_bonus_period_first_day check (period = date_trunc('month', period)::date),
    constraint ck_incentive_bonus_amount_or_customer
        check ((kind = 'SALES_MANAGER') = (customer_id is not null and amount is null))
);
create index ix_incentive_bonus_partner_period on incentive_bonus (partner_id, period);
create unique index uq_sales_manager_bonus_once_per_customer on incentive_bonus (customer_id)
    where kind = 'SALES_MANAGER';

-- Nothing granted for a closed month changes: a trial's end, a free month, a bonus of a closed
-- period stay as the issued statements settled them.
create function refuse_incentive_in_closed_period() returns trigger language plpgsql as $$
declare
    months date[] := array[]::date[];
    month  date;
begin
    if tg_op <> 'INSERT' then
        months := months || (to_jsonb(old) ->> tg_argv[0])::date;
    end if;
    if tg_op <> 'DELETE' then
        months := months || (to_jsonb(new) ->> tg_argv[0])::date;
    end if;
    foreach month in array months loop
        if exists (select 1 from accounting_period where period = month and status = 'CLOSED') then
            raise exception 'period % is closed: its % cannot change', to_char(month, 'YYYY-MM'), tg_table_name
                using errcode = 'check_violation';
        end if;
    end loop;
    return coalesce(new, old);
end $$;
create trigger free_month_of_open_period before insert or update or delete on free_month
    for each row execute function refuse_incentive_in_closed_period('month');
create trigger incentive_bonus_of_open_period before insert or update or delete on incentive_bonus
    for each row execute function refuse_incentive_in_closed_period('period');

-- A joint marketing event: the partner funds partner_share of budget; once approved, the
-- provider's share counts against the quarter (of event_date) budget of the program.
create table co_marketing_event (
    id             bigserial primary key,
    partner_id     bigint not null references partner (id),
    program_id     text   not null,
    title          text   not null,
    event_date     date   not null,
    budget         numeric(19, 2) not null,
    partner_share  numeric(19, 2) not null,
    provider_share numeric(19, 2) generated always as (budget - partner_share) stored,
    quarter        date   not null,
    status         text   not null default 'PENDING',
    requested_by   text   not null,
    requested_at   timestamptz not null default now(),
    decided_by     text,
    decided_on     date,
    decline_reason text,
    constraint ck_co_marketing_status check (status in ('PENDING', 'APPROVED', 'DECLINED')),
    constraint ck_co_marketing_amounts check (budget > 0 and partner_share >= 0 and partner_share <= budget),
    constraint ck_co_marketing_quarter_first_day check (quarter = date_trunc('quarter', event_date)::date),
    constraint ck_co_marketing_decision_whole check ((status = 'PENDING') = (decided_on is null))
);
create index ix_co_marketing_partner on co_marketing_event (partner_id);
create index ix_co_marketing_quarter on co_marketing_event (program_id, quarter, status);

-- A warm lead of a program, offered to one partner at a time by declared specialization. CONVERTED
-- is not stored: it is read from the accepting partner's deals (deal_lead_match_view).
create table lead (
    id             bigserial primary key,
    program_id     text   not null,
    company        text   not null,
    tax_id         text,
    specialization text   not null,
    contact        text   not null,
    received_on    date   not null,
    status         text   not null default 'OFFERED',
    created_by     text   not null,
    created_at     timestamptz not null default now(),
    constraint ck_lead_status check (status in ('OFFERED', 'ACCEPTED', 'UNASSIGNED'))
);

-- Each offer of a lead to a partner and how it ended: ACCEPTED, DECLINED, or EXPIRED (no answer by
-- answer_by). At most one offer of a lead is open at a time.
create table lead_offer (
    id          bigserial primary key,
    lead_id     bigint not null references lead (id),
    partner_id  bigint not null references partner (id),
    offered_on  date   not null,
    answer_by   date   not null,
    outcome     text,
    answered_on date,
    answered_by text,
    decline_reason text,
    constraint ck_lead_offer_outcome check (outcome is null or outcome in ('ACCEPTED', 'DECLINED', 'EXPIRED')),
    constraint uq_lead_offer_once_per_partner unique (lead_id, partner_id)
);
create unique index uq_lead_offer_one_open on lead_offer (lead_id) where outcome is null;
create index ix_lead_offer_partner on lead_offer (partner_id);

-- incentive: what the close reads (settlement's MonthFacts).
create view incentive_trial_view as
    select id, partner_id, customer_id, valid_from, valid_to from trial;
create view incentive_free_month_view as
    select id, partner_id, customer_id, month, resource_ids from free_month;
create view incentive_sandbox_view as
    select id, partner_id, platform, resource_id, requested_on from sandbox;
create view incentive_bonus_view as
    select id, partner_id, kind, period, published_on, amount, customer_id, reference from incentive_bonus;

-- What the provider paid through an incentive (TRIAL, FREE_MONTH, SANDBOX: outside eligible cost
-- and payable) and one-off bonuses paid out (BONUS_PAYMENT: counted in reward).
alter table statement_line drop constraint ck_statement_line_kind;
alter table statement_line add constraint ck_statement_line_kind check (kind in ('LIST_COST', 'EXCLUSION', 'DISCOUNT',
    'REWARD', 'REBATE', 'BONUS', 'PROVIDER_PAID', 'BALANCE_PAYOUT', 'TRIAL', 'FREE_MONTH', 'SANDBOX', 'BONUS_PAYMENT'));
