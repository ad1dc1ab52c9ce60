-- Late corrections of closed periods. A closed statement never changes: a correction is recorded
-- here for an open period and becomes a line of that period's statement naming the month it corrects.
create table adjustment (
    id          bigint generated always as identity primary key,
    partner_id  bigint         not null references partner (id),
    period      date           not null,
    corrects    date           not null,
    kind        text           not null,
    customer_id bigint references customer (id),
    amount      numeric(19, 2) not null,
    reason      text           not null,
    created_at  timestamptz    not null default now(),
    created_by  text           not null,
    constraint ck_adjustment_period_is_month check (extract(day from period) = 1 and extract(day from corrects) = 1),
    constraint ck_adjustment_corrects_an_earlier_period check (corrects < period),
    constraint ck_adjustment_kind check (kind in ('LIST_COST', 'EXCLUSION', 'DISCOUNT', 'REWARD', 'REBATE', 'PROVIDER_PAID')),
    constraint ck_adjustment_not_zero check (amount <> 0),
    constraint ck_adjustment_has_reason check (length(trim(reason)) > 0)
);
create index ix_adjustment_period on adjustment (period, partner_id);

create trigger adjustment_is_append_only
    before update or delete on adjustment
    for each row execute function refuse_change();
create trigger adjustment_only_in_open_period
    before insert on adjustment
    for each row execute function refuse_closed_period();
