package io.partnerhub.partner;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.partnerhub.shared.Caller;

@RestController
@RequestMapping("/api/v1/partners/{id}/tokens")
@Tag(name = "Partner tokens", description = "Issuing, listing, revoking and rotating a partner's API tokens")
class TokenController {

    private final PartnerApiTokens tokens;

    TokenController(PartnerApiTokens tokens) {
        this.tokens = tokens;
    }

    /** {@code expiresOn}: the first day (Moscow) the token no longer works; or an instant; neither: the default. */
    record NewToken(@Size(max = 100) String label, LocalDate expiresOn, Instant expiresAt) {
        PartnerApiTokens.Expiry expiry() {
            return new PartnerApiTokens.Expiry(expiresOn, expiresAt);
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "issueToken",
            summary = "Issue a partner-scoped API token (operator), optionally expiring; the token is shown only here")
    PartnerApiTokens.IssuedToken issue(Caller caller, @PathVariable long id,
                                       @Valid @RequestBody(required = false) NewToken body) {
        NewToken token = body == null ? new NewToken(null, null, null) : body;
        return tokens.issue(caller, id, token.label(), token.expiry());
    }

    @GetMapping
    @Operation(operationId = "listTokens",
            summary = "The partner's tokens without their secrets: created, expires, last used, revoked, rotation")
    List<PartnerApiTokens.TokenInfo> list(Caller caller, @PathVariable long id) {
        return tokens.list(caller, id);
    }

    @DeleteMapping("/{tokenId}")
    @Operation(summary = "Revoke a partner token at once (operator)")
    PartnerApiTokens.TokenInfo delete(Caller caller, @PathVariable long id, @PathVariable long tokenId) {
        return tokens.revoke(caller, id, tokenId);
    }

    @PostMapping("/{tokenId}/revoke")
    @Operation(operationId = "revokeToken", summary = "Revoke a partner token at once (operator); the same as DELETE")
    PartnerApiTokens.TokenInfo revoke(Caller caller, @PathVariable long id, @PathVariable long tokenId) {
        return tokens.revoke(caller, id, tokenId);
    }

    record Rotation(@Size(max = 100) String label, LocalDate expiresOn, Instant expiresAt,
                    PartnerApiTokens.OldTokenEnds oldTokenEnds) {
    }

    @PostMapping("/{tokenId}/rotation")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A new token in place of this one (operator; a partner token for itself); the old one "
            + "keeps working for the configured overlap (default 1 hour), or stops at once with oldTokenEnds AT_ONCE")
    PartnerApiTokens.IssuedToken rotate(Caller caller, @PathVariable long id, @PathVariable long tokenId,
                                        @Valid @RequestBody(required = false) Rotation body) {
        Rotation r = body == null ? new Rotation(null, null, null, null) : body;
        return tokens.rotate(caller, id, tokenId, r.label(), new PartnerApiTokens.Expiry(r.expiresOn(), r.expiresAt()),
                r.oldTokenEnds() == null ? PartnerApiTokens.OldTokenEnds.AFTER_OVERLAP : r.oldTokenEnds());
    }
}
