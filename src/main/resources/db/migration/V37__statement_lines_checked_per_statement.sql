-- A closed month's statements take no new line: checked once per COPY or INSERT of lines, set-wise,
-- instead of once per line (a month's close stores about 800 000 lines for 2 000 partners, and the
-- per-row check ran a query for each). Same guarantee, same error.
drop trigger statement_line_only_in_open_period on statement_line;

create function refuse_lines_of_closed_period() returns trigger language plpgsql as $$
declare
    closed record;
begin
    select n.period into closed
      from new_rows n
      join accounting_period p on p.period = n.period and p.status = 'CLOSED'
     limit 1;
    if found then
        raise exception 'period % is closed: its statements take no new % row', to_char(closed.period, 'YYYY-MM'),
            tg_table_name
            using errcode = 'integrity_constraint_violation';
    end if;
    return null;
end;
$$;

create trigger statement_line_only_in_open_period
    after insert on statement_line
    referencing new table as new_rows
    for each statement execute function refuse_lines_of_closed_period();
