package io.partnerhub.partner;

/** Where a partner stands in its program today; derived from its exit notice and revocation. */
public enum PartnerStatus {
    /** In the program with no exit pending. */
    ACTIVE,
    /** Gave exit notice; the exit date has not come yet. */
    EXITING,
    /** The exit date has passed: links ended, nothing more accrues. */
    EXITED,
    /** An operator revoked partner status. */
    REVOKED
}
