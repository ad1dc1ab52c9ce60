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

-- The days a restating import restated, as the file named them.
create table usage_restated_day (
    import_id          bigint not null references usage_import (id),
    billing_account_id text,
    account_id         text,
    day                date   not null,
    constraint ck_usage_restated_day_key check ((billing_account_id is null) <> (account_id is null))
);
create index ix_usage_restated_day_import on usage_restated_day (import_id);

-- The rows a restating import superseded, per earlier import, period, account, day and what the
-- summaries need (service, category, currency). billing_account_id is '' for rows without one, so
-- the view matches rows with a plain (hashable) equality. reversed: the period was closed, so the
-- rows keep counting there and a reversal row in the next open period undoes them.
create table usage_superseded (
    by_import_id       bigint  not null references usage_import (id),
    import_id          bigint  not null references usage_import (id),
    period             date    not null,
    account_id         text    not null,
    billing_account_id text    not null,
    day                date    not null,
    service_name       text    not null,
    charge_category    text    not null,
    currency           char(3) not null,
    rows               bigint  not null,
    list_cost          numeric not null,
    reversed           boolean not null
);
create index ix_usage_superseded_by on usage_superseded (by_import_id);
create index ix_usage_superseded_rows on usage_superseded (import_id, period, account_id, day);

-- usage: the rows that count. A row counts unless a restated export superseded it in an open
-- period. The first test is one hashed lookup of the row's import, so a month no restatement
-- touched reads as fast as the table itself.
create view usage_counted_row_view as
    select u.*
      from usage_row u
     where u.import_id not in (select x.import_id from usage_superseded x where not x.reversed)
        or not exists (select 1
                         from usage_superseded x
                        where not x.reversed
                          and x.import_id = u.import_id
                          and x.period = u.period
                          and x.account_id = u.account_id
                          and x.billing_account_id = coalesce(u.billing_account_id, '')
                          and x.day = (u.charge_start at time zone 'Europe/Moscow')::date);
