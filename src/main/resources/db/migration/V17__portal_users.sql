-- People who sign in to the web portal: the provider's operators, and partners' users with a role
-- (ADMIN manages the partner's users, FINANCE sees money and withdraws, SALES never sees discounts).
create table portal_user (
    id            bigint generated always as identity primary key,
    email         text        not null,
    display_name  text        not null,
    password_hash text        not null,
    partner_id    bigint      references partner (id),
    role          text        not null,
    created_at    timestamptz not null default now(),
    created_by    text        not null,
    disabled_at   timestamptz,
    constraint ck_portal_user_role check (role in ('OPERATOR', 'ADMIN', 'FINANCE', 'SALES')),
    constraint ck_portal_user_operator_has_no_partner check ((role = 'OPERATOR') = (partner_id is null))
);
create unique index uq_portal_user_email on portal_user (lower(email));
create index ix_portal_user_partner on portal_user (partner_id);

-- The key that signs sign-in cookies, made once and shared by every instance.
create table portal_key (
    id     int  primary key,
    secret text not null,
    constraint ck_portal_key_single check (id = 1)
);
