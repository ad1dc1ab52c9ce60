package io.partnerhub.partner;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.partnerhub.shared.Caller;
import io.partnerhub.shared.PartnerTokens;
import io.partnerhub.shared.Tokens;

/** Partner tokens looked up by their SHA-256; the tokens themselves are never stored. */
@Component
class StoredPartnerTokens implements PartnerTokens {

    private final JdbcClient jdbc;

    StoredPartnerTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Caller.Partner> resolve(String token) {
        return jdbc.sql("select id, partner_id from partner_token where token_hash = :hash and revoked_at is null")
                .param("hash", Tokens.hash(token))
                .query((rs, row) -> new Caller.Partner(rs.getLong("partner_id"), rs.getLong("id")))
                .optional();
    }
}
