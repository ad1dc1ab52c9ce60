-- A close COPYs hundreds of thousands of statement lines: check the open period once per
-- statement (COPY or INSERT) over its transition table instead of once per row.
drop trigger statement_only_in_open_period on statement;
drop trigger statement_line_only_in_open_period on statement_line;

create function refuse_rows_in_closed_period() returns trigger language plpgsql as $$
declare
    closed date;
begin
    select a.period into closed
      from accounting_period a
     where a.status = 'CLOSED' and a.period in (select distinct period from new_rows)
     limit 1;
    if closed is not null then
        raise exception 'period % is closed: its statements take no new % row', to_char(closed, 'YYYY-MM'), tg_table_name
            using errcode = 'integrity_constraint_violation';
    end if;
    return null;
end;
$$;

create trigger statement_only_in_open_period
    after insert on statement
    referencing new table as new_rows
    for each statement execute function refuse_rows_in_closed_period();
create trigger statement_line_only_in_open_period
    after insert on statement_line
    referencing new table as new_rows
    for each statement execute function refuse_rows_in_closed_period();
