-- The days each account consumed (Usage or Purchase rows with a positive list cost; bit d-1 of
-- days is day d of the month, Moscow days) become a rollup of the usage feature: summed while an
-- import streams its rows and stored in the import's own transaction, so no summary re-reads a
-- month after an import. The deal desk and the close read them through usage_consumption_day_view.
-- Merging is a bitwise or, so adding the same day twice changes nothing.
create table usage_consumption_day (
    account_id text not null,
    month      date not null,
    days       int  not null,
    constraint pk_usage_consumption_day primary key (account_id, month),
    constraint ck_usage_consumption_day_month check (extract(day from month) = 1)
);

insert into usage_consumption_day (account_id, month, days)
select account_id, month, days from consumption_day;

-- the imports the deal desk's summary had not added yet
insert into usage_consumption_day (account_id, month, days)
select account_id, date_trunc('month', day)::date, bit_or(1 << (extract(day from day)::int - 1))
  from (select account_id, (charge_start at time zone 'Europe/Moscow')::date as day
          from usage_counted_row_view
         where import_id not in (select import_id from consumption_summary_import)
           and charge_category in ('USAGE', 'PURCHASE') and list_cost > 0) u
 group by 1, 2
on conflict (account_id, month) do update set days = usage_consumption_day.days | excluded.days;

drop view deal_summarized_import_view;
drop table consumption_summary_import;
drop table consumption_day;

-- usage: the days each account consumed, per month of the charge.
create view usage_consumption_day_view as
    select account_id, month, days
      from usage_consumption_day;
