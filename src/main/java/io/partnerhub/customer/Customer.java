package io.partnerhub.customer;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A customer: a sub-account as usage data names it ({@code accountId}).
 *
 * @param contactEmail where the customer confirms partners' requests; shown to operators only
 */
public record Customer(long id, String name, String taxId, String accountId,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String contactEmail, Instant createdAt,
                       List<Link> links) {
}
