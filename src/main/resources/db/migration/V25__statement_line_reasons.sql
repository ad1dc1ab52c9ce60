-- A statement line's reason as a code and its typed arguments (docs/settlement.md, "Reason codes"):
-- the portal and the API put it in the reader's language from the bundles i18n/reasons*.properties.
-- The English explanation is still stored with every line (it stays NOT NULL): it is what a line
-- issued before this migration shows in every language, since issued lines never change and have
-- no code, and it keeps the stored statement readable without the bundles.
alter table statement_line add column reason_code text;
alter table statement_line add column reason_args jsonb;
alter table statement_line add constraint ck_statement_line_reason_args_with_code
    check ((reason_code is null) = (reason_args is null) and (reason_args is null or jsonb_typeof(reason_args) = 'array'));

-- The tier history the same way: a change recorded by a close (or a contract) stores its code and
-- arguments beside its English words; changes recorded before, and the demo seed's, have no code and
-- keep their stored words.
alter table partner_standing add column reason_code text;
alter table partner_standing add column reason_args jsonb;
alter table partner_standing add constraint ck_partner_standing_reason_args_with_code
    check ((reason_code is null) = (reason_args is null) and (reason_args is null or jsonb_typeof(reason_args) = 'array'));
