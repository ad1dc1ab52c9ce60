package io.partnerhub.program;

/**
 * How a model earns: as a DISCOUNT on what the partner buys from the provider (the partner
 * invoices its customers), or as a REWARD the provider pays out (the provider invoices them).
 */
public enum Settlement {
    DISCOUNT, REWARD
}
