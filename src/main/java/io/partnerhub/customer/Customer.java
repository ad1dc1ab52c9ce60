package io.partnerhub.customer;

import java.time.Instant;
import java.util.List;

/** A customer: a sub-account as usage data names it ({@code accountId}). */
public record Customer(long id, String name, String taxId, String accountId, Instant createdAt, List<Link> links) {
}
