package io.partnerhub.deal;

public enum DealStatus {
    PENDING, APPROVED, REJECTED;

    /** An active deal protects its customer from other partners' registrations. */
    public boolean active() {
        return this == PENDING || this == APPROVED;
    }
}
