package io.partnerhub.deal;

public enum DealStatus {
    PENDING, APPROVED, REJECTED,
    /** The customer was not linked and consuming within the program's protection window. */
    EXPIRED,
    /** The partner left the program or was revoked: the customer is free for others. */
    RELEASED;

    /** An active deal protects its customer from other partners' registrations. */
    public boolean active() {
        return this == PENDING || this == APPROVED;
    }
}
