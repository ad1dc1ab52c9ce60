-- Responses to requests sent with an Idempotency-Key, so a client's retry gets the first answer
-- instead of doing the work twice. A row with no status is a request still being processed.
create table idempotent_request (
    actor           text        not null,
    idempotency_key text        not null,
    method          text        not null,
    path            text        not null,
    request_hash    char(64)    not null,
    status          int,
    content_type    text,
    body            bytea,
    created_at      timestamptz not null default now(),
    constraint pk_idempotent_request primary key (actor, idempotency_key)
);
