package io.partnerhub.program;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Deal registration in a program version.
 *
 * @param extraPercentCap          the most extra discount an approved deal may add
 * @param totalDiscountPercentCap  the most discount a customer's consumption may get in all (null: none)
 * @param newCustomerOnly          a deal only for a customer with no consumption before registration
 * @param protectionDays           an approved deal whose customer is not linked and consuming
 *                                 within this many days expires (null: no expiry)
 * @param approvalBusinessDays     the provider answers a registration within this many business days
 * @param claimPrecedence          which claim on a customer wins over which, strongest first (absent:
 *                                 {@link #DEFAULT_PRECEDENCE}); a claim of another partner ahead of a
 *                                 new one refuses it
 * @param autoApproval             a clean deal at or under an expected amount is approved at
 *                                 registration (null: every deal waits for an operator; no shipped
 *                                 program turns it on)
 * @param directCustomer           what a registration for a customer the provider serves directly
 *                                 gets (absent: {@link DirectCustomer#REVIEW})
 */
public record DealTerms(BigDecimal extraPercentCap, BigDecimal totalDiscountPercentCap, boolean newCustomerOnly,
                       Integer protectionDays, Integer approvalBusinessDays, List<ClaimKind> claimPrecedence,
                       AutoApproval autoApproval, DirectCustomer directCustomer) {

    /** The terms with every deal waiting for an operator and a direct customer for its review. */
    public DealTerms(BigDecimal extraPercentCap, BigDecimal totalDiscountPercentCap, boolean newCustomerOnly,
                     Integer protectionDays, Integer approvalBusinessDays, List<ClaimKind> claimPrecedence,
                     AutoApproval autoApproval) {
        this(extraPercentCap, totalDiscountPercentCap, newCustomerOnly, protectionDays, approvalBusinessDays,
                claimPrecedence, autoApproval, null);
    }

    /** A customer link first (the customer already belongs to someone), then a deal, then a project. */
    public static final List<ClaimKind> DEFAULT_PRECEDENCE = List.of(ClaimKind.LINK, ClaimKind.DEAL, ClaimKind.PROJECT);

    public DealTerms {
        claimPrecedence = claimPrecedence == null ? DEFAULT_PRECEDENCE : List.copyOf(claimPrecedence);
        directCustomer = directCustomer == null ? DirectCustomer.REVIEW : directCustomer;
    }

    /**
     * A deal for a customer that consumes and is linked to no partner (the provider serves it
     * directly). VK Cloud's terms protect a deal from other partners only, so by default such a deal
     * waits for the operator with the fact shown; a program that registers deals for new customers
     * only (Yandex Cloud) rejects it.
     */
    public enum DirectCustomer {
        /** The deal waits for the operator, the fact shown as a conflict to review. */
        REVIEW,
        /** The registration is rejected ({@code DIRECT_CUSTOMER}). */
        REJECT
    }

    /** The kinds of claim a partner can hold on a customer. */
    public enum ClaimKind {
        /** The customer is linked to the partner (a reseller's sub-account, an agent's or referral's customer). */
        LINK,
        /** A registered deal, pending or approved. */
        DEAL,
        /** A project registration at a direct customer. */
        PROJECT
    }

    /**
     * Approves a deal at registration when it has no conflict and its expected monthly amount is
     * given and at most {@code maxExpectedMonthlyAmount}, with {@code extraDiscountPercent}.
     */
    public record AutoApproval(BigDecimal maxExpectedMonthlyAmount, BigDecimal extraDiscountPercent) {
    }

    /** Whether a held claim of {@code held} kind wins over a new claim of {@code claimed} kind. */
    public boolean precedes(ClaimKind held, ClaimKind claimed) {
        int h = claimPrecedence.indexOf(held);
        int c = claimPrecedence.indexOf(claimed);
        return h >= 0 && c >= 0 && h < c;
    }

    public Optional<AutoApproval> autoApprovalRule() {
        return Optional.ofNullable(autoApproval);
    }
}
