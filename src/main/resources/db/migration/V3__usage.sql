-- Consumption imported from providers' billing exports. One row per export line; a month's
-- aggregate per (account, service, project, funding source, charge category) is one index scan.
create table usage_import (
    id            bigint generated always as identity primary key,
    format        text        not null,
    checksum      char(64)    not null,
    file_name     text,
    rows_accepted int         not null,
    imported_at   timestamptz not null default now(),
    imported_by   text        not null,
    constraint uq_usage_import_content unique (checksum)
);

create table usage_row (
    import_id       bigint        not null references usage_import (id),
    period          date          not null,
    account_id      text          not null,
    charge_start    timestamptz   not null,
    charge_category text          not null,
    service_name    text          not null,
    project_id      text,
    funding_source  text          not null default 'MONEY',
    list_cost       numeric(19, 4) not null,
    billed_cost     numeric(19, 4),
    currency        char(3)       not null,
    sku_id          text,
    constraint ck_usage_period_is_month check (extract(day from period) = 1),
    constraint ck_usage_charge_category check (charge_category in ('USAGE', 'PURCHASE', 'ADJUSTMENT', 'CREDIT', 'TAX')),
    constraint ck_usage_funding_source check (funding_source in ('MONEY', 'BONUS', 'GRANT'))
);
create index ix_usage_monthly_aggregate
    on usage_row (period, account_id, service_name, project_id, funding_source, charge_category) include (list_cost);
