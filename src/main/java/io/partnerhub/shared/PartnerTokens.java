package io.partnerhub.shared;

import java.util.Optional;

/** Resolves a presented partner token; the partner feature stores them, as hashes only. */
public interface PartnerTokens {

    /** What a presented token is worth now; empty when no partner token has that secret. */
    Optional<Standing> resolve(String token);

    /** A known token today: it acts for its partner, only reads, or no longer works, and why. */
    sealed interface Standing {
    }

    /** The token acts for its partner. */
    record Valid(Caller.Partner caller) implements Standing {
    }

    /** The token may only read its partner's data (the partner has left the program); {@code why} refuses a write. */
    record ReadOnly(Caller.Partner caller, String why) implements Standing {
    }

    /** The token authenticates nothing any more: expired, revoked, replaced, or its partner's status ended. */
    record Ended(String why) implements Standing {
    }
}
