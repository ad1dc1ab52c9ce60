-- Training, specializations and presale answers (docs/partners.md).

-- A certificate of a course belongs to one employee: recorded once, whichever partner records it.
create unique index uq_certification_certificate_once
    on certification (lower(course), certificate_id) where certificate_id is not null;
-- Without a certificate id, an employee's certification in a course on a day is recorded once.
create unique index uq_certification_employee_course_day_once
    on certification (partner_id, lower(employee), lower(course), certified_on) where certificate_id is null;

-- How a partner came to hold a specialization: GRANTED by the provider (Yandex Cloud) or DECLARED
-- by the partner (Oblakoteka), and what met the program's conditions on its first day.
alter table partner_specialization
    add column kind  text not null default 'GRANTED',
    add column basis text;
alter table partner_specialization
    add constraint ck_specialization_kind check (kind in ('GRANTED', 'DECLARED'));
create index ix_partner_specialization_holders on partner_specialization (specialization, valid_from);

-- The operator's answer within the program's SLA, or a decline with a reason. answer_by is the
-- deadline promised when the request was made (null: the program sets no SLA, or the request is
-- older than this migration).
alter table presale
    add column answer_by      date,
    add column answer         text,
    add column answered_on    date,
    add column answered_by    text,
    add column decline_reason text,
    add column declined_on    date,
    add column declined_by    text;
alter table presale
    add constraint ck_presale_answer_has_day_and_author
        check ((answer is null) = (answered_on is null) and (answered_on is null) = (answered_by is null)),
    add constraint ck_presale_decline_has_day_reason_and_author
        check ((decline_reason is null) = (declined_on is null) and (declined_on is null) = (declined_by is null)),
    add constraint ck_presale_answered_after_request check (answered_on is null or answered_on >= requested_on),
    add constraint ck_presale_declined_after_request check (declined_on is null or declined_on >= requested_on),
    add constraint ck_presale_declined_never_completed check (declined_on is null or completed_on is null),
    add constraint ck_presale_deadline_after_request check (answer_by is null or answer_by >= requested_on);
-- From now on a presale is completed only after its answer; requests completed before this
-- migration had no answer step, so the rule is not checked against them.
alter table presale
    add constraint ck_presale_completed_after_answer
        check (completed_on is null or (answered_on is not null and completed_on >= answered_on)) not valid;
create index ix_presale_answer_queue on presale (answer_by, id)
    where answered_on is null and declined_on is null and completed_on is null;
