-- A deal's reason and its activity entries are read in the reader's language (docs/deals.md,
-- "Reasons in the reader's language"): what the platform writes is kept as a code, the key of its
-- wording in the deal bundles, and the arguments (a JSON array: text, or {code, args} for words
-- inside words, or a list of those). The English text is still stored beside them, as the API's
-- reason always was. Rows stored before keep their English text and have no code: shown as they are.
alter table deal add column reason_code text,
                 add column reason_args jsonb,
                 add constraint deal_reason_args_need_a_code check (reason_args is null or reason_code is not null);

alter table deal_activity add column text_code text,
                          add column text_args jsonb,
                          add constraint deal_activity_args_need_a_code check (text_args is null or text_code is not null);
