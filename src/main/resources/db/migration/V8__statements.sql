-- Statements of closed periods: one per partner and period, with explained lines. The close writes
-- them in the transaction that seals the period; afterwards the database refuses any change.

create table statement (
    id                bigint generated always as identity primary key,
    partner_id        bigint         not null references partner (id),
    period            date           not null,
    program_id        text           not null,
    program_version   date           not null,
    model             text           not null,
    tier              text,
    currency          char(3)        not null,
    list_cost         numeric(19, 2) not null,
    eligible_cost     numeric(19, 2) not null,
    discount          numeric(19, 2) not null,
    reward            numeric(19, 2) not null,
    rebate            numeric(19, 2) not null,
    bonus             numeric(19, 2) not null,
    payable           numeric(19, 2) not null,
    -- What later periods build on (tier windows, half-year and quarterly bases), exact, unrounded.
    measures          jsonb          not null default '{}',
    qualification_window date,
    created_at        timestamptz    not null default now(),
    constraint uq_statement_per_partner_and_period unique (partner_id, period),
    constraint ck_statement_period_is_month check (extract(day from period) = 1)
);

create table statement_line (
    partner_id    bigint         not null,
    period        date           not null,
    line_no       int            not null,
    kind          text           not null,
    customer_id   bigint,
    base          numeric(19, 2),
    rate          numeric(7, 4),
    amount        numeric(19, 2) not null,
    corrects      date,
    explanation   text           not null,
    constraint pk_statement_line primary key (partner_id, period, line_no),
    constraint fk_statement_line_statement foreign key (partner_id, period) references statement (partner_id, period),
    constraint ck_statement_line_kind check (kind in ('LIST_COST', 'EXCLUSION', 'DISCOUNT', 'REWARD', 'REBATE',
                                                      'BONUS', 'PROVIDER_PAID'))
);

-- An issued statement is never edited and never deleted.
create trigger statement_is_immutable
    before update or delete on statement
    for each row execute function refuse_change();
create trigger statement_line_is_immutable
    before update or delete on statement_line
    for each row execute function refuse_change();
create trigger statement_not_truncated
    before truncate on statement
    for each statement execute function refuse_change();
create trigger statement_line_not_truncated
    before truncate on statement_line
    for each statement execute function refuse_change();

-- Nothing is added to a closed period's statements: a late correction is a line of an open period.
create function refuse_closed_period() returns trigger language plpgsql as $$
begin
    if exists (select 1 from accounting_period where period = new.period and status = 'CLOSED') then
        raise exception 'period % is closed: its statements take no new % row', to_char(new.period, 'YYYY-MM'), tg_table_name
            using errcode = 'integrity_constraint_violation';
    end if;
    return new;
end;
$$;
create trigger statement_only_in_open_period
    before insert on statement
    for each row execute function refuse_closed_period();
create trigger statement_line_only_in_open_period
    before insert on statement_line
    for each row execute function refuse_closed_period();

-- Certified employees of a partner (VK Cloud statuses count them at each quarter's close).
create table certification (
    id             bigint generated always as identity primary key,
    partner_id     bigint not null references partner (id),
    employee       text   not null,
    course         text   not null,
    certificate_id text,
    certified_on   date   not null,
    expires_on     date,
    recorded_at    timestamptz not null default now(),
    recorded_by    text   not null,
    constraint ck_certification_expires_after check (expires_on is null or expires_on > certified_on)
);
create index ix_certification_partner on certification (partner_id);

-- Specializations a partner holds (Yandex Cloud's quarterly specialization rebate).
create table partner_specialization (
    id              bigint generated always as identity primary key,
    partner_id      bigint not null references partner (id),
    specialization  text   not null,
    valid_from      date   not null,
    valid_to        date,
    recorded_at     timestamptz not null default now(),
    recorded_by     text   not null,
    constraint ck_specialization_ends_after_start check (valid_to is null or valid_to > valid_from),
    constraint ex_specialization_held_once
        exclude using gist (partner_id with =, specialization with =, daterange(valid_from, valid_to, '[)') with &&)
);

-- Presale requests; a completed technical presale earns an agent the program's fixed reward.
create table presale (
    id            bigint generated always as identity primary key,
    partner_id    bigint not null references partner (id),
    title         text   not null,
    technical     boolean not null default true,
    requested_on  date   not null,
    completed_on  date,
    recorded_at   timestamptz not null default now(),
    recorded_by   text   not null,
    constraint ck_presale_completed_after_request check (completed_on is null or completed_on >= requested_on)
);
create index ix_presale_partner on presale (partner_id);
