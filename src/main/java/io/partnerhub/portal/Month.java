package io.partnerhub.portal;

/** A closed month as the dashboard shows it; the discount's share of the list cost in percent. */
public record Month(String period, String tier, String listCost, String discount, String discountPercent,
                    String reward, String rebate, String payable) {
}
