package io.partnerhub.cabinet;

import io.partnerhub.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Customer cabinet", description = "The people of a partner's customer who read its invoices and balance at"
        + " /cabinet/{partnerId}/, under the partner's brand")
class CabinetUserController {

    private final CabinetUsers users;

    CabinetUserController(CabinetUsers users) {
        this.users = users;
    }

    record Invitation(@NotBlank @Size(max = 200) String email) {
    }

    @PostMapping("/api/v1/partners/{id}/customers/{customerId}/cabinet-users")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Invite a person of the partner's customer to its cabinet; the one-time link goes to the e-mail"
            + " through the outbox (404 for a customer the partner never held)")
    CabinetUsers.CabinetUser invite(Caller caller, @PathVariable long id, @PathVariable long customerId,
                                    @Valid @RequestBody Invitation invitation) {
        return users.invite(caller, id, customerId, invitation.email());
    }

    @GetMapping("/api/v1/partners/{id}/customers/{customerId}/cabinet-users")
    @Operation(summary = "The customer's cabinet users: INVITED, ACTIVE or DISABLED")
    List<CabinetUsers.CabinetUser> users(Caller caller, @PathVariable long id, @PathVariable long customerId) {
        return users.ofCustomer(caller, id, customerId);
    }

    @PostMapping("/api/v1/partners/{id}/customers/{customerId}/cabinet-users/{userId}/disable")
    @Operation(operationId = "disableCabinetUser",
            summary = "Disable a cabinet user: no more sign-ins, and an open session ends at its next request")
    CabinetUsers.CabinetUser disable(Caller caller, @PathVariable long id, @PathVariable long customerId,
                                     @PathVariable long userId) {
        return users.disable(caller, id, customerId, userId);
    }
}
