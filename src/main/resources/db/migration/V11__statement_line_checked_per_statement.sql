-- The per-row foreign key from a statement line to its statement took about a third of a close's
-- COPY of lines: one locking lookup of the statement per line. Statements are never deleted or
-- truncated (V8), so checking every COPY's or INSERT's lines once, set-wise, keeps the guarantee.
alter table statement_line drop constraint fk_statement_line_statement;

create function refuse_lines_without_statement() returns trigger language plpgsql as $$
declare
    orphan record;
begin
    select n.partner_id, n.period into orphan
      from new_rows n
     where not exists (select 1 from statement s where s.partner_id = n.partner_id and s.period = n.period)
     limit 1;
    if found then
        raise exception 'statement line of partner % for % has no statement', orphan.partner_id,
            to_char(orphan.period, 'YYYY-MM')
            using errcode = 'foreign_key_violation';
    end if;
    return null;
end;
$$;

create trigger statement_line_has_statement
    after insert on statement_line
    referencing new table as new_rows
    for each statement execute function refuse_lines_without_statement();
