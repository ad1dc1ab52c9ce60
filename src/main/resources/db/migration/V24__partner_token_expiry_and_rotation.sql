-- Partner tokens can expire, are rotated into a successor, and say when they were last used.
-- expires_at: the instant from which the token authenticates nothing (null: never expires).
-- rotated_from: the token this one replaced; a token is rotated once (the successor is the one to
-- rotate next), which the unique constraint keeps even for two rotations at the same moment.
alter table partner_token
    add column expires_at   timestamptz,
    add column last_used_at timestamptz,
    add column rotated_from bigint references partner_token (id),
    add constraint uq_partner_token_rotated_once unique (rotated_from),
    add constraint ck_partner_token_not_its_own_successor check (rotated_from <> id);
