package io.partnerhub.settlement.rules;

/**
 * Names of the exact (unrounded) figures a statement keeps for the periods after it: tier
 * windows, half-year service rebates and quarterly rebates are computed from them.
 */
public final class Measures {

    /** The customers' consumption at list, own account excluded (Oblakoteka's monthly requirement). */
    public static final String CUSTOMERS_LIST_COST = "customersListCost";
    /** The customers' eligible consumption (VK Cloud's quarterly volume). */
    public static final String CUSTOMERS_ELIGIBLE = "customersEligible";
    /** Main-services eligible consumption after the partner's rate (Oblakoteka's growth rebate). */
    public static final String MAIN_AFTER_DISCOUNT = "mainAfterDiscount";
    /** 1 when the month met a monthly tier requirement, else 0. */
    public static final String REQUIREMENT_MET = "requirementMet";
    /** Rebates of this period to be given as a one-time discount on the next statement. */
    public static final String NEXT_STATEMENT_DISCOUNT = "nextStatementDiscount";

    /** A service's eligible consumption after the partner's rate (half-year service rebates). */
    public static String afterDiscount(String service) {
        return "afterDiscount:" + service;
    }

    /** A service's eligible consumption (specialization rebates). */
    public static String eligible(String service) {
        return "eligible:" + service;
    }

    /** Present when the customer's first month with consumption was rewarded in this period. */
    public static String firstMonthRewarded(long customerId) {
        return "firstMonth:" + customerId;
    }

    private Measures() {
    }
}
