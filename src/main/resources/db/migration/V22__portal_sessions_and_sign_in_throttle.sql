-- Server-side portal sessions (Spring Session JDBC's own schema for PostgreSQL, from
-- spring-session-jdbc's org/springframework/session/jdbc/schema-postgresql.sql): a session lives in
-- the database, so signing out, a password change or a user's removal ends it on every instance,
-- and it survives a restart. The principal name (the user's e-mail) is indexed to end all of a
-- person's sessions at once.
create table spring_session (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);

-- The key that signed the stateless sign-in cookies; sessions replaced them.
drop table portal_key;

-- Failed sign-ins per subject ('account:<e-mail>' or 'address:<client address>'), shared by every
-- instance. A run of failures with no quiet gap longer than the window locks the subject once it
-- reaches the limit, for a delay that doubles with every further failure; while locked, even the
-- right password is refused.
create table sign_in_throttle (
    subject          text        primary key,
    failures         int         not null,
    last_failure_at  timestamptz not null,
    locked_until     timestamptz,
    constraint ck_sign_in_throttle_failures_positive check (failures > 0)
);
create index ix_sign_in_throttle_last_failure on sign_in_throttle (last_failure_at);
