-- A closed period stays closed, and its usage never changes again: the database keeps both,
-- whatever the application does. The period close calls seal_period(month) in its transaction.

create function refuse_reopening() returns trigger language plpgsql as $$
begin
    if old.status = 'CLOSED' and (tg_op = 'DELETE' or new.status <> 'CLOSED' or new.period <> old.period
                                  or new.closed_at is distinct from old.closed_at) then
        raise exception 'period % is closed and stays closed (% refused)', to_char(old.period, 'YYYY-MM'), tg_op
            using errcode = 'integrity_constraint_violation';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end;
$$;

create trigger accounting_period_stays_closed
    before update or delete on accounting_period
    for each row execute function refuse_reopening();

-- Seals a month: the period is CLOSED, and its usage partition takes no new, changed or deleted
-- row (a CHECK (false) NOT VALID constraint keeps the rows it has and refuses any other; triggers
-- refuse deletes and truncation). Sealing a sealed month changes nothing.
create function seal_period(month date) returns void
    language plpgsql as $$
declare
    partition text := 'usage_row_' || to_char(month, 'YYYY_MM');
begin
    if extract(day from month) <> 1 then
        raise exception 'a period starts on the first of a month, not %', month;
    end if;
    perform ensure_usage_partitions(month, month);
    insert into accounting_period (period, status, closed_at) values (month, 'CLOSED', now())
        on conflict (period) do nothing;
    update accounting_period set status = 'CLOSED', closed_at = now() where period = month and status <> 'CLOSED';
    if not exists (select 1 from pg_constraint where conname = 'ck_' || partition || '_sealed') then
        execute format('alter table %I add constraint %I check (false) not valid', partition, 'ck_' || partition || '_sealed');
        execute format('create trigger %I before delete on %I for each row execute function refuse_change()',
                       partition || '_sealed', partition);
        execute format('create trigger %I before truncate on %I for each statement execute function refuse_change()',
                       partition || '_not_truncated', partition);
    end if;
end;
$$;
