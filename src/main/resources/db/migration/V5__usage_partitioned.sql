-- Usage rows, partitioned by billing month: a month's aggregates per (account, service, project,
-- funding source, charge category) are one scan of that month's partition and of nothing else.
-- No secondary index: a btree on the rows halved the import's throughput (docs/benchmarks.md).
-- Amounts keep every decimal the provider gave (numeric without scale): rounding happens once,
-- on statement lines.

create table accounting_period (
    period     date        primary key,
    status     text        not null default 'OPEN',
    closed_at  timestamptz,
    constraint ck_period_is_month check (extract(day from period) = 1),
    constraint ck_period_status check (status in ('OPEN', 'CLOSED'))
);

drop index ix_usage_monthly_aggregate;
alter table usage_row rename to usage_row_v3;

create table usage_row (
    import_id          bigint      not null,
    period             date        not null,
    account_id         text        not null,
    charge_start       timestamptz not null,
    charge_end         timestamptz,
    charge_category    text        not null,
    service_name       text        not null,
    service_category   text,
    project_id         text,
    parent_project_id  text,
    funding_source     text        not null,
    list_cost          numeric     not null,
    billed_cost        numeric,
    effective_cost     numeric,
    currency           char(3)     not null,
    sku_id             text,
    resource_id        text,
    pricing_quantity   numeric,
    pricing_unit       text,
    provider_name      text,
    billing_account_id text,
    constraint ck_usage_charge_category check (charge_category in ('USAGE', 'PURCHASE', 'ADJUSTMENT', 'CREDIT', 'TAX')),
    constraint ck_usage_funding_source check (funding_source in ('MONEY', 'BONUS', 'GRANT'))
) partition by range (period);


create table usage_row_default partition of usage_row default;

-- Creates the monthly partitions from one month to another (inclusive) that do not exist yet.
create function ensure_usage_partitions(first_month date, last_month date) returns int
    language plpgsql as $$
declare
    month date := date_trunc('month', first_month)::date;
    created int := 0;
    name text;
begin
    perform pg_advisory_xact_lock(hashtext('usage_row partitions'));
    while month <= last_month loop
        name := 'usage_row_' || to_char(month, 'YYYY_MM');
        if to_regclass(name) is null then
            execute format('create table %I partition of usage_row for values from (%L) to (%L)',
                           name, month, (month + interval '1 month')::date);
            created := created + 1;
        end if;
        month := (month + interval '1 month')::date;
    end loop;
    return created;
end;
$$;

select ensure_usage_partitions(date '2015-01-01', (date_trunc('month', now()) + interval '2 months')::date);

insert into usage_row (import_id, period, account_id, charge_start, charge_category, service_name, project_id,
                       funding_source, list_cost, billed_cost, currency, sku_id)
select import_id, period, account_id, charge_start, charge_category, service_name, project_id,
       funding_source, list_cost, billed_cost, currency, sku_id
  from usage_row_v3;

drop table usage_row_v3;

alter table usage_import
    add column unattributed_rows     int not null default 0,
    add column unattributed_accounts int not null default 0,
    add column periods               text;
