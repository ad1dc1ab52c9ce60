package io.partnerhub.deal;

/** What the customer is expected to consume: infrastructure, platform services, software, or a mix. */
public enum ConsumptionType {
    IAAS, PAAS, SAAS, MIXED
}
