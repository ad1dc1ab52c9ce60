-- A close shared by instances (docs/settlement.md, "A close shared by instances"): a month's run is
-- cut into parts, contiguous ranges of its partners, that any instance settles in a transaction of
-- its own; their statements wait in staging tables nobody else reads, and one finishing
-- transaction under the exclusive period lock issues them, carries out their consequences and
-- seals the month.

-- Bumped by every writer that takes the period lock shared (PeriodLocks.SHARED): a run notes its
-- value when it starts and its finish compares, so facts changed while the parts ran are seen.
create sequence period_fact_change;

create table close_run (
    id          bigint generated always as identity primary key,
    period      date        not null,
    status      text        not null,
    partners    int         not null,
    parts       int         not null,
    -- period_fact_change as the run started, after the month's before-close steps
    facts_seen  bigint      not null,
    started_by  text        not null,
    started_at  timestamptz not null default now(),
    ended_at    timestamptz,
    failure     text,
    constraint ck_close_run_status check (status in ('RUNNING', 'SEALED', 'DISCARDED', 'FAILED')),
    constraint ck_close_run_period_is_month check (extract(day from period) = 1)
);
create unique index uq_close_run_one_running_per_period on close_run (period) where status = 'RUNNING';

-- The parts of a run, decided once as it starts: partners first_partner_id..last_partner_id.
create table close_part (
    run_id           bigint not null references close_run (id),
    part             int    not null,
    first_partner_id bigint not null,
    last_partner_id  bigint not null,
    partners         int    not null,
    settled_at       timestamptz,
    settled_by       text,
    constraint pk_close_part primary key (run_id, part),
    constraint ck_close_part_range check (first_partner_id <= last_partner_id)
);

-- A part's statements and lines, as the close would store them, keyed by the run: a part copies
-- them in with COPY naming the statement's columns, so run_id comes from the part's transaction
-- setting partnerhub.close_run (unset, run_id is null and the copy fails). A second copy of a partner cannot exist.
create table close_staged_statement (like statement including defaults);
alter table close_staged_statement drop column id;
alter table close_staged_statement drop column created_at;
alter table close_staged_statement add column run_id bigint not null
    default nullif(current_setting('partnerhub.close_run', true), '')::bigint references close_run (id);
alter table close_staged_statement add constraint uq_close_staged_statement_per_run_and_partner
    unique (run_id, partner_id);

create table close_staged_statement_line (like statement_line including defaults);
alter table close_staged_statement_line add column run_id bigint not null
    default nullif(current_setting('partnerhub.close_run', true), '')::bigint references close_run (id);
alter table close_staged_statement_line add constraint pk_close_staged_statement_line
    primary key (run_id, partner_id, line_no);

-- What a staged statement decides besides itself (a tier change, accruals, Bonus returned, the final
-- payout), carried out by the finish in partner order.
create table close_staged_consequence (
    run_id      bigint not null references close_run (id),
    partner_id  bigint not null,
    consequence jsonb  not null,
    constraint pk_close_staged_consequence primary key (run_id, partner_id)
);
