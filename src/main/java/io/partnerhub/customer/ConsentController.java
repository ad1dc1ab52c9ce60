package io.partnerhub.customer;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a customer accepts a partner's link, without a token of ours: the one-time token in the
 * path is the authority. Unknown tokens answer 404, expired or withdrawn ones 410.
 */
@RestController
@Tag(name = "Consents", description = "A customer accepting a partner's link or transfer through its confirmation link")
@SecurityRequirements
class ConsentController {

    private final LinkRequests requests;

    ConsentController(LinkRequests requests) {
        this.requests = requests;
    }

    @GetMapping("/api/v1/consents/{token}")
    @Operation(summary = "What the customer is asked to accept: partner, customer, program, from; no bearer token")
    LinkRequests.ConsentView show(@PathVariable String token) {
        return requests.show(token);
    }

    @PostMapping("/api/v1/consents/{token}")
    @Operation(operationId = "confirmConsent",
            summary = "The customer accepts: the link starts today or on the day asked for if later;"
            + " confirming again answers alreadyConfirmed; no bearer token")
    LinkRequests.Confirmation confirm(@PathVariable String token) {
        return requests.confirm(token);
    }
}
