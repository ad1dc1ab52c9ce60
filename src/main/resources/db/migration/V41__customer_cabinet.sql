-- The customer cabinet (docs/whitelabel.md, "The customer cabinet"): people of a partner's
-- customer who sign in at /cabinet/{partnerId}/ to see their invoices and balance with the partner.
-- An e-mail is unique per partner (whatever the case), so a sign-in form under one partner's brand
-- finds one person; the password hash is null until the invitation is accepted.
create table cabinet_user (
    id            bigint generated always as identity primary key,
    partner_id    bigint      not null references partner (id),
    customer_id   bigint      not null references customer (id),
    email         text        not null,
    password_hash text,
    created_at    timestamptz not null default now(),
    created_by    text        not null,
    activated_at  timestamptz,
    disabled_at   timestamptz,
    disabled_by   text,
    constraint ck_cabinet_user_active_has_password check (activated_at is null or password_hash is not null)
);
create unique index uq_cabinet_user_email_per_partner on cabinet_user (partner_id, lower(email));
create index ix_cabinet_user_customer on cabinet_user (partner_id, customer_id);

-- One-time links that let an invited person set a password; only the token's hash is kept. A new
-- invitation of the same person voids the previous one.
create table cabinet_invitation (
    id         bigint generated always as identity primary key,
    user_id    bigint      not null references cabinet_user (id),
    token_hash text        not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz,
    voided_at  timestamptz,
    constraint uq_cabinet_invitation_token unique (token_hash)
);
create unique index uq_cabinet_invitation_one_live_per_user on cabinet_invitation (user_id)
    where used_at is null and voided_at is null;

-- The invitation link goes out through the customers' outbox, like a consent request.
alter table outbound_message drop constraint ck_outbound_message_kind;
alter table outbound_message add constraint ck_outbound_message_kind
    check (kind in ('CONSENT_REQUEST', 'CABINET_INVITATION'));
