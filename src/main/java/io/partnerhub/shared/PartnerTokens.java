package io.partnerhub.shared;

import java.util.Optional;

/** Resolves a presented partner token; the partner feature stores them, as hashes only. */
public interface PartnerTokens {

    Optional<Caller.Partner> resolve(String token);
}
