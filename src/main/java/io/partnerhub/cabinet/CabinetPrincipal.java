package io.partnerhub.cabinet;

import java.io.Serializable;
import java.time.Instant;

/**
 * Who a cabinet session belongs to: one person of one customer of one partner, kept in the
 * session under the cabinet's own key, so the portal and the API never see it.
 */
record CabinetPrincipal(long userId, long partnerId, long customerId, String email, Instant signedInAt)
        implements Serializable {

    @Override
    public String toString() {
        return "cabinet:" + partnerId + ":" + email;
    }
}
