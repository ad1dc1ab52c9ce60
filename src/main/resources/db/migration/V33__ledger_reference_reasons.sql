-- A ledger entry's reference as a reason code and its arguments (i18n/reasons*.properties), so the
-- portal reads it in its reader's language; the English reference is still stored beside them, as
-- entries are never edited. Entries made before V33 have no code and keep their stored words.
alter table ledger_entry
    add column reason_code text,
    add column reason_args jsonb,
    add constraint ck_ledger_reason_args_need_a_code check (reason_args is null or reason_code is not null);
