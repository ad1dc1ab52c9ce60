-- The deal desk (docs/deals.md): a registration's contacts for conflict checks beyond the tax id,
-- the rule that decided a deal automatically, its approval deadline, the partner's pipeline, an
-- activity log per deal, and a summary of which days each account consumed.

alter table deal
    add column customer_email    text,
    add column customer_domain   text,
    add column rule              text,
    add column approval_due_on   date,
    add column stage             text not null default 'IN_PROGRESS',
    add column lost_reason       text,
    add column stage_note        text,
    add column target_amount     numeric(19, 2),
    add column consumption_type  text,
    add column expected_close_on date;

alter table deal
    add constraint ck_deal_email_is_normalized check (customer_email is null or customer_email = lower(customer_email)),
    add constraint ck_deal_domain_is_normalized check (customer_domain is null or customer_domain = lower(customer_domain)),
    add constraint ck_deal_rule check (rule is null or rule in (
        'ACTIVE_DEAL_TAX_ID', 'ACTIVE_DEAL_DOMAIN', 'ACTIVE_DEAL_EMAIL', 'LINKED_TO_ANOTHER_PARTNER',
        'PROJECT_OF_ANOTHER_PARTNER', 'DIRECT_CUSTOMER', 'NOT_A_NEW_CUSTOMER', 'AUTO_APPROVAL',
        'NOT_LINKED_AND_CONSUMING', 'LINK_ENDED')),
    add constraint ck_deal_stage check (stage in ('IN_PROGRESS', 'WON', 'LOST')),
    add constraint ck_deal_lost_has_reason check ((stage = 'LOST') = (lost_reason is not null)),
    add constraint ck_deal_lost_reason check (lost_reason is null
        or lost_reason in ('PRICE', 'COMPETITOR', 'NO_BUDGET', 'NO_DECISION', 'OTHER')),
    add constraint ck_deal_other_loss_has_note check (lost_reason is distinct from 'OTHER' or stage_note is not null),
    add constraint ck_deal_consumption_type check (consumption_type is null
        or consumption_type in ('IAAS', 'PAAS', 'SAAS', 'MIXED')),
    add constraint ck_deal_target_not_negative check (target_amount is null or target_amount >= 0);

-- The operator's queue: pending deals by approval deadline.
create index ix_deal_pending_by_deadline on deal (approval_due_on, id) where status = 'PENDING';

-- Notes by the partner or the operator, and what the platform logged by itself: stage and plan
-- changes, decisions (approvals, rejections, expiry). Entries are never changed.
create table deal_activity (
    id          bigint generated always as identity primary key,
    deal_id     bigint      not null references deal (id),
    partner_id  bigint      not null references partner (id),
    at          timestamptz not null default now(),
    actor       text        not null,
    kind        text        not null,
    text        text        not null,
    constraint ck_deal_activity_kind check (kind in ('NOTE', 'STAGE', 'PLAN', 'DECISION')),
    constraint ck_deal_activity_has_text check (length(trim(text)) > 0)
);
create index ix_deal_activity_deal on deal_activity (deal_id, id);

create trigger deal_activity_is_append_only
    before update or delete on deal_activity
    for each row execute function refuse_change();
create trigger deal_activity_not_truncated
    before truncate on deal_activity
    for each statement execute function refuse_change();

-- Which days an account consumed (Usage or Purchase rows with a positive list cost), one row per
-- account and month of the charge (Moscow days): bit d-1 of days is day d. Usage rows have no
-- index on the account, so the deal desk reads this summary instead: the new-customer and
-- direct-customer rules and the expiry of deals. Filled from each import once
-- (consumption_summary_import; no foreign key, so the usage tables can still be truncated by the
-- import benchmark). Merging is a bitwise or, so summarizing an import twice changes nothing.
create table consumption_day (
    account_id text not null,
    month      date not null,
    days       int  not null,
    constraint pk_consumption_day primary key (account_id, month),
    constraint ck_consumption_day_month check (extract(day from month) = 1)
);

create table consumption_summary_import (
    import_id     bigint      primary key,
    summarized_at timestamptz not null default now()
);
