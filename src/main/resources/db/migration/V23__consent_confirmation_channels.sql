-- A customer's consent reaches it through a channel the asking partner does not control
-- (docs/lifecycle.md, "Who confirms"): the customer's contact on record, through an outbox of
-- messages only operators read, or an operator who checked the customer's signed consent.

-- The customer's contact: set by an operator (contact_set_by_partner_id null) or by a partner.
-- A partner's request is never confirmed through a contact that partner set.
alter table customer add column contact_email text;
alter table customer add column contact_set_by_partner_id bigint references partner (id);
alter table customer add constraint ck_customer_contact_email_is_an_address
    check (contact_email is null or (length(contact_email) <= 254 and contact_email ~ '^[^@[:space:]]+@[^@[:space:]]+$'));
alter table customer add constraint ck_customer_contact_setter_has_contact
    check (contact_email is not null or contact_set_by_partner_id is null);

-- A transfer a partner asks for by the facts the customer gave it (tax id and account id), without
-- knowing whether such a customer exists: customer_id stays null until the request is confirmed
-- (so the partner's own list never reveals a match); matched_customer_id is the customer found.
alter table link_request alter column customer_id drop not null;
alter table link_request add column matched_customer_id bigint references customer (id);
alter table link_request add column stated_tax_id text;
alter table link_request add column stated_account_id text;
alter table link_request add constraint ck_link_request_names_customer_or_facts
    check (customer_id is not null or (stated_tax_id is not null and stated_account_id is not null));
alter table link_request add constraint ck_link_request_confirmed_names_customer
    check (status <> 'CONFIRMED' or customer_id is not null);

-- Who confirmed: 'customer' through the message sent to its contact, or the operator's name, with
-- the day the operator says the customer signed its consent and a note of what was checked.
alter table link_request add column confirmed_by text;
alter table link_request add column consent_obtained_on date;
alter table link_request add column confirmation_note text;

create index ix_link_request_pending on link_request (id) where status = 'PENDING';

-- Messages waiting to be delivered (a mail sender reads them through the operators' API). A
-- confirmation link is written here and nowhere a partner can read it.
create table outbound_message (
    id              bigint generated always as identity primary key,
    kind            text        not null,
    recipient       text        not null,
    subject         text        not null,
    body            text        not null,
    path            text,
    link_request_id bigint references link_request (id),
    created_at      timestamptz not null default now(),
    sent_at         timestamptz,
    constraint ck_outbound_message_kind check (kind in ('CONSENT_REQUEST'))
);
create index ix_outbound_message_unsent on outbound_message (id) where sent_at is null;
create index ix_outbound_message_recipient on outbound_message (recipient, id);
