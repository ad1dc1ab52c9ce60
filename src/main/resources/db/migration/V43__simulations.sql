-- The program simulator (docs/simulator.md): a draft of a program's terms replayed over closed months.
-- A run writes only here: never a statement, a ledger entry or a standing.
create table simulation (
    id           bigint generated always as identity primary key,
    program_id   text          not null,
    period_from  date          not null,
    period_to    date          not null,
    draft        text          not null,
    status       text          not null default 'RUNNING',
    progress     numeric(5, 4) not null default 0,
    result       jsonb,
    error        text,
    requested_by text          not null,
    created_at   timestamptz   not null default now(),
    finished_at  timestamptz,
    constraint ck_simulation_status check (status in ('RUNNING', 'DONE', 'FAILED')),
    constraint ck_simulation_months check (period_from <= period_to)
);
