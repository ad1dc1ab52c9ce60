-- The rebate ledger: accruals and withdrawals as entries that are never edited (a correction is
-- a new, opposite REVERSAL entry naming what it corrects). A partner's balance is the sum.
create table ledger_entry (
    id           bigint generated always as identity primary key,
    partner_id   bigint        not null references partner (id),
    kind         text          not null,
    amount       numeric(19, 2) not null,
    currency     char(3)       not null,
    period       date,
    destination  text,
    reference    text          not null,
    corrects     bigint references ledger_entry (id),
    created_at   timestamptz   not null default now(),
    created_by   text          not null,
    constraint ck_ledger_kind check (kind in ('ACCRUAL', 'WITHDRAWAL', 'REVERSAL')),
    constraint ck_ledger_accrual_positive check (kind <> 'ACCRUAL' or amount > 0),
    constraint ck_ledger_withdrawal_negative check (kind <> 'WITHDRAWAL' or amount < 0),
    constraint ck_ledger_withdrawal_destination check (
        (kind = 'WITHDRAWAL') = (destination is not null) and (destination is null or destination in ('BONUS', 'BANK_ACCOUNT'))),
    constraint ck_ledger_bonus_has_period check (destination is distinct from 'BONUS' or period is not null),
    constraint ck_ledger_reversal_names_entry check ((kind = 'REVERSAL') = (corrects is not null))
);
create index ix_ledger_partner on ledger_entry (partner_id, id);

create trigger ledger_entry_is_append_only
    before update or delete on ledger_entry
    for each row execute function refuse_change();

-- A withdrawal to the bank account becomes a payout the provider's finance team carries out.
create table payout (
    id              bigint generated always as identity primary key,
    partner_id      bigint        not null references partner (id),
    ledger_entry_id bigint        not null references ledger_entry (id),
    amount          numeric(19, 2) not null,
    currency        char(3)       not null,
    status          text          not null default 'REQUESTED',
    created_at      timestamptz   not null default now(),
    constraint uq_payout_per_withdrawal unique (ledger_entry_id),
    constraint ck_payout_positive check (amount > 0),
    constraint ck_payout_status check (status in ('REQUESTED', 'PAID'))
);
