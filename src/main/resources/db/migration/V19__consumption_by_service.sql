-- Each account's consumption at list per month and service (Usage, Purchase and Adjustment rows,
-- as statements count list cost: no credits, no tax). Usage rows have no index on the account
-- (it halved the import's throughput), so a customer's page would scan the month's partition;
-- this summary answers it with one index range. Filled once per import
-- (consumption_service_import, in the same transaction), so adding an import's sums is exact.
create table consumption_service (
    account_id   text    not null,
    month        date    not null,
    service_name text    not null,
    currency     char(3) not null,
    list_cost    numeric not null,
    constraint pk_consumption_service primary key (account_id, month, service_name, currency),
    constraint ck_consumption_service_month check (extract(day from month) = 1)
);
create index ix_consumption_service_month on consumption_service (month);

create table consumption_service_import (
    import_id     bigint      primary key,
    summarized_at timestamptz not null default now()
);

-- A customer's list cost in a partner's statements, without reading every line of the partner.
create index ix_statement_line_customer on statement_line (partner_id, customer_id, period)
    where customer_id is not null;
