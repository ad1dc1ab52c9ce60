-- shared: the closed months with when each was closed, so the settlement's list of periods reads
-- the published view rather than accounting_period (a month not in it is open).
create or replace view shared_closed_month_view as
    select period, closed_at
      from accounting_period
     where status = 'CLOSED';
