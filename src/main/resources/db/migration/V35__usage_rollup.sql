-- The usage rollups: every import's rows summed per period, Moscow day of the charge, account,
-- billing account, service, funding source, charge category and currency (usage_rollup), and the
-- same per month (usage_month_rollup: a row charged outside its period's month keeps its day in
-- outside_day). The import sums its rows while they stream and copies the sums in, in its own
-- transaction (usage.Rollup); a restatement adds the negation of the sums it reverses. The close
-- reads the monthly rollup, and the daily one for the accounts whose month it settles by day; a
-- restatement's search for the rows it supersedes and the consumption per service read the daily
-- rollup. The rows stay the source of truth: a rollup row names its import, account, day and
-- service, the key that finds the imported lines behind it.
--
-- No primary key: an import may store a key's sum in more than one piece (it copies its sums in
-- whenever they grow past a bound, so its memory stays flat however long the file is); readers sum.
-- A rollup row is superseded or counts as a whole, as the rows it sums do: supersession is by
-- import, billing account (or account) and day, all part of the key.

create table usage_rollup (
    import_id          bigint  not null,
    period             date    not null,
    day                date    not null,
    account_id         text    not null,
    billing_account_id text,
    service_name       text    not null,
    funding_source     text    not null,
    charge_category    text    not null,
    currency           char(3) not null,
    reverses_import_id bigint,
    rows               bigint  not null,
    list_cost          numeric not null
) partition by range (period);

create table usage_rollup_default partition of usage_rollup default;

create table usage_month_rollup (
    import_id          bigint  not null,
    period             date    not null,
    outside_day        date,
    account_id         text    not null,
    billing_account_id text,
    service_name       text    not null,
    funding_source     text    not null,
    charge_category    text    not null,
    currency           char(3) not null,
    reverses_import_id bigint,
    rows               bigint  not null,
    list_cost          numeric not null
) partition by range (period);

create table usage_month_rollup_default partition of usage_month_rollup default;

-- The accounts a restatement superseded rows of, per import and period: a monthly rollup row of
-- such an (import, account, period) may hold superseded days, so the close reads those accounts'
-- month from the daily rollup, where supersession is exact.
create table usage_superseded_account (
    by_import_id bigint not null references usage_import (id),
    import_id    bigint not null references usage_import (id),
    period       date   not null,
    account_id   text   not null,
    constraint pk_usage_superseded_account primary key (by_import_id, import_id, period, account_id)
);
create index ix_usage_superseded_account_period on usage_superseded_account (period);

-- Creates the monthly partitions of the rows and of the rollup from one month to another
-- (inclusive) that do not exist yet.
create or replace function ensure_usage_partitions(first_month date, last_month date) returns int
    language plpgsql as $$
declare
    month date := date_trunc('month', first_month)::date;
    created int := 0;
    name text;
begin
    perform pg_advisory_xact_lock(hashtext('usage_row partitions'));
    while month <= last_month loop
        foreach name in array array['usage_row', 'usage_rollup', 'usage_month_rollup'] loop
            if to_regclass(name || '_' || to_char(month, 'YYYY_MM')) is null then
                execute format('create table %I partition of %I for values from (%L) to (%L)',
                               name || '_' || to_char(month, 'YYYY_MM'), name, month, (month + interval '1 month')::date);
                created := created + 1;
            end if;
        end loop;
        month := (month + interval '1 month')::date;
    end loop;
    return created;
end;
$$;

select ensure_usage_partitions(date '2015-01-01', (date_trunc('month', now()) + interval '2 months')::date);

insert into usage_rollup (import_id, period, day, account_id, billing_account_id, service_name, funding_source,
                          charge_category, currency, reverses_import_id, rows, list_cost)
select import_id, period, (charge_start at time zone 'Europe/Moscow')::date, account_id, billing_account_id,
       service_name, funding_source, charge_category, currency, reverses_import_id, count(*), sum(list_cost)
  from usage_row
 group by import_id, period, 3, account_id, billing_account_id, service_name, funding_source, charge_category,
          currency, reverses_import_id;

insert into usage_month_rollup (import_id, period, outside_day, account_id, billing_account_id, service_name,
                                funding_source, charge_category, currency, reverses_import_id, rows, list_cost)
select import_id, period, case when date_trunc('month', day)::date <> period then day end, account_id,
       billing_account_id, service_name, funding_source, charge_category, currency, reverses_import_id, sum(rows),
       sum(list_cost)
  from usage_rollup
 group by import_id, period, 3, account_id, billing_account_id, service_name, funding_source, charge_category,
          currency, reverses_import_id;

-- the accounts restatements superseded rows of so far
insert into usage_superseded_account (by_import_id, import_id, period, account_id)
select distinct d.import_id, r.import_id, r.period, r.account_id
  from usage_restated_day d
  join usage_rollup r on r.import_id < d.import_id and r.day = d.day and r.reverses_import_id is null
                     and (r.billing_account_id = d.billing_account_id or r.account_id = d.account_id)
 where exists (select 1 from usage_superseded s where s.by_import_id = d.import_id and s.import_id = r.import_id
                                                  and s.period = r.period);

-- Sealing a month seals its rollup as it seals its rows.
create or replace function seal_period(month date) returns void
    language plpgsql as $$
declare
    partition text;
begin
    if extract(day from month) <> 1 then
        raise exception 'a period starts on the first of a month, not %', month;
    end if;
    perform ensure_usage_partitions(month, month);
    insert into accounting_period (period, status, closed_at) values (month, 'CLOSED', now())
        on conflict (period) do nothing;
    update accounting_period set status = 'CLOSED', closed_at = now() where period = month and status <> 'CLOSED';
    foreach partition in array array['usage_row_' || to_char(month, 'YYYY_MM'), 'usage_rollup_' || to_char(month, 'YYYY_MM'),
                                     'usage_month_rollup_' || to_char(month, 'YYYY_MM')] loop
        if not exists (select 1 from pg_constraint where conname = 'ck_' || partition || '_sealed') then
            execute format('alter table %I add constraint %I check (false) not valid', partition, 'ck_' || partition || '_sealed');
            execute format('create trigger %I before delete on %I for each row execute function refuse_change()',
                           partition || '_sealed', partition);
            execute format('create trigger %I before truncate on %I for each statement execute function refuse_change()',
                           partition || '_not_truncated', partition);
        end if;
    end loop;
end;
$$;

-- the months sealed before the rollup existed
select seal_period(period) from accounting_period where status = 'CLOSED';

-- usage: the rollup rows that count, as usage_counted_row_view leaves out superseded rows.
create view usage_counted_rollup_view as
    select r.*
      from usage_rollup r
     where r.import_id not in (select x.import_id from usage_superseded x where not x.reversed)
        or r.reverses_import_id is not null
        or (not exists (select 1
                          from usage_restated_day d
                         where d.billing_account_id = r.billing_account_id
                           and d.day = r.day and d.import_id > r.import_id and r.period >= d.open_from)
            and not exists (select 1
                              from usage_restated_day d
                             where d.account_id = r.account_id
                               and d.day = r.day and d.import_id > r.import_id and r.period >= d.open_from));

-- usage: the accounts whose month a restatement changed (read them by day, from the rollup that counts).
create view usage_superseded_account_view as
    select distinct period, account_id
      from usage_superseded_account;

-- usage: the monthly rollup, as stored; an account of usage_superseded_account_view in that period
-- may have superseded days in it.
create view usage_month_rollup_view as
    select *
      from usage_month_rollup;
