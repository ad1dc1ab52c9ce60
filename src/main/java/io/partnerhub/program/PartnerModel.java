package io.partnerhub.program;

/** The ways a partner can work with a provider; each program allows some of them. */
public enum PartnerModel {
    PARTNER, WHITE_LABEL, AGENT, REFERRAL, RESELLER
}
