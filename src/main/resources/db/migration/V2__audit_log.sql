-- Every state-changing API request: who, what, when, outcome. Entries are never changed.
create table audit_entry (
    id          bigint generated always as identity primary key,
    at          timestamptz not null,
    actor       text        not null,
    partner_id  bigint,
    method      text        not null,
    path        text        not null,
    status      int         not null,
    outcome     text        not null,
    constraint ck_audit_outcome check (outcome in ('DONE', 'REFUSED', 'FAILED'))
);
create index ix_audit_at on audit_entry (at desc);
create index ix_audit_partner on audit_entry (partner_id, at desc);

create function refuse_change() returns trigger language plpgsql as $$
begin
    raise exception '% rows are never changed (% refused)', tg_table_name, tg_op
        using errcode = 'integrity_constraint_violation';
end;
$$;

create trigger audit_entry_is_append_only
    before update or delete on audit_entry
    for each row execute function refuse_change();
