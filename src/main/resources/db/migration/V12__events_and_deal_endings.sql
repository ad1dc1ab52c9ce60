-- Lifecycle events: who did what to which partner, customer, deal or link, and when. The portal
-- shows them; outside systems follow them with GET /api/v1/events?after=<id>. Entries are never
-- changed. Writers take an advisory lock before inserting and hold it to commit, so ids become
-- visible in increasing order and a client's cursor never skips an event committed late.
create table lifecycle_event (
    id          bigint generated always as identity primary key,
    at          timestamptz not null default now(),
    actor       text        not null,
    partner_id  bigint      references partner (id),
    type        text        not null,
    subject     text        not null,
    summary     text        not null,
    data        jsonb       not null default '{}'
);
create index ix_lifecycle_event_partner on lifecycle_event (partner_id, id);

create trigger lifecycle_event_is_append_only
    before update or delete on lifecycle_event
    for each row execute function refuse_change();
create trigger lifecycle_event_not_truncated
    before truncate on lifecycle_event
    for each statement execute function refuse_change();

-- A deal's protection can end: EXPIRED (the customer was not linked and consuming within the
-- program's window) or RELEASED (the partner left or was revoked). ended_on is the first day
-- without protection; the reason says why.
alter table deal drop constraint ck_deal_status;
alter table deal add constraint ck_deal_status
    check (status in ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED', 'RELEASED'));
alter table deal add column ended_on date;
alter table deal add constraint ck_deal_ending_has_day_and_reason
    check (status not in ('EXPIRED', 'RELEASED') or (ended_on is not null and reason is not null));
