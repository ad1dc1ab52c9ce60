-- Restated exports (API.md, "Restated exports"; docs/usage-formats.md, "Restated exports"). A file
-- imported with mode=restate restates whole days: for every (billing account, day) it names (the
-- sub-account when a row names no billing account), the rows stored before for that day stop
-- counting. Nothing is deleted: raw rows stay the source of truth, and what superseded what is kept.
--  - A superseded row of an open period is left out by usage_counted_row_view (every reader of
--    consumption reads the view).
--  - A superseded row of a closed period keeps counting where it was settled (closed statements
--    never change); its negation, a reversal row, lands in the next open period, where the close
--    shows it with the restated rows as a correction of the day's month.

alter table usage_import
    add column mode            text   not null default 'ADD',
    add column rows_superseded bigint not null default 0,
    add constraint ck_usage_import_mode check (mode in ('ADD', 'RESTATE'));

-- A reversal row is the negation of a superseded row of a closed period; it names that row's import.
-- Reversal rows are never superseded themselves: they book what a closed period counted.
alter table usage_row add column reverses_import_id bigint;

-- The days a restating import restated, as the file named them. open_from: the first period that
-- was still open then (periods close in order): the rows it superseded from that period on stop
-- counting; those of earlier, closed periods keep counting there and were reversed.
create table usage_restated_day (
    import_id          bigint not null references usage_import (id),
    billing_account_id text,
    account_id         text,
    day                date   not null,
    open_from          date   not null,
    constraint ck_usage_restated_day_key check ((billing_account_id is null) <> (account_id is null))
);
create index ix_usage_restated_day_billing on usage_restated_day (billing_account_id, day) where billing_account_id is not null;
create index ix_usage_restated_day_account on usage_restated_day (account_id, day) where account_id is not null;
create index ix_usage_restated_day_import on usage_restated_day (import_id);

-- How many rows (and how much at list) a restating import superseded, per earlier import and
-- period. reversed: the period was closed, so the rows keep counting there and reversal rows in
-- the next open period undo them.
create table usage_superseded (
    by_import_id bigint  not null references usage_import (id),
    import_id    bigint  not null references usage_import (id),
    period       date    not null,
    rows         bigint  not null,
    list_cost    numeric not null,
    reversed     boolean not null,
    constraint pk_usage_superseded primary key (by_import_id, import_id, period)
);
create index ix_usage_superseded_import on usage_superseded (import_id);

-- usage: the rows that count. A row counts unless a later restated export restated its day (of
-- its billing account, or of its sub-account) while its period was open. The first test is one
-- hashed lookup of the row's import, so a month no restatement touched reads as fast as the table.
create view usage_counted_row_view as
    select u.*
      from usage_row u
     where u.import_id not in (select x.import_id from usage_superseded x where not x.reversed)
        or u.reverses_import_id is not null
        or (not exists (select 1
                          from usage_restated_day d
                         where d.billing_account_id = u.billing_account_id
                           and d.day = (u.charge_start at time zone 'Europe/Moscow')::date
                           and d.import_id > u.import_id and u.period >= d.open_from)
            and not exists (select 1
                              from usage_restated_day d
                             where d.account_id = u.account_id
                               and d.day = (u.charge_start at time zone 'Europe/Moscow')::date
                               and d.import_id > u.import_id and u.period >= d.open_from));

-- usage: the imports that restated days, and which earlier imports each superseded rows of (the
-- close names them on the correction lines of restated days).
create view usage_restating_import_view as
    select id as import_id
      from usage_import
     where mode = 'RESTATE';

create view usage_supersession_view as
    select distinct by_import_id, import_id
      from usage_superseded;
