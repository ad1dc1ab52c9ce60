-- Invitations to the portal: a partner's ADMIN (or an operator) invites a person by e-mail with a
-- role; the one-time link carries a token of which only the SHA-256 is kept. A link is usable
-- until it expires (7 days), is used (the user is made) or is voided by a newer invitation of the
-- same e-mail to the same partner: at most one pending invitation per (partner, e-mail).
create table portal_invitation (
    id           bigint generated always as identity primary key,
    partner_id   bigint      not null references partner (id),
    email        text        not null,
    display_name text        not null,
    role         text        not null,
    token_hash   text        not null,
    created_at   timestamptz not null,
    created_by   text        not null,
    expires_at   timestamptz not null,
    used_at      timestamptz,
    voided_at    timestamptz,
    user_id      bigint references portal_user (id),
    constraint ck_portal_invitation_partner_role check (role in ('ADMIN', 'FINANCE', 'SALES')),
    constraint ck_portal_invitation_expires_after_creation check (expires_at > created_at),
    constraint ck_portal_invitation_used_or_voided_once check (used_at is null or voided_at is null),
    constraint ck_portal_invitation_used_makes_user check ((used_at is null) = (user_id is null))
);
create unique index uq_portal_invitation_token on portal_invitation (token_hash);
create unique index uq_portal_invitation_one_pending_per_email on portal_invitation (partner_id, lower(email))
    where used_at is null and voided_at is null;

-- Why a partner leaves, as the operator records it with the exit notice (optional, like the API's).
alter table exit_notice add column reason text;
