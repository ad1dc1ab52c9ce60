package io.partnerhub.portal;

import io.partnerhub.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Portal users", description = "People who sign in to the web portal")
class PortalUserController {

    private final PortalUsers users;

    PortalUserController(PortalUsers users) {
        this.users = users;
    }

    @PostMapping("/api/v1/portal-users")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createPortalUser",
            summary = "Create a portal user (operator): role OPERATOR without partnerId, or ADMIN, FINANCE,"
            + " SALES of a partner; the password needs at least 10 characters and at most 72 bytes (UTF-8), and is stored hashed")
    PortalUsers.PortalUser create(Caller caller, @RequestBody PortalUsers.NewUser user) {
        return users.create(caller, user);
    }

    @PostMapping("/api/v1/portal-users/{id}/disable")
    @Operation(operationId = "disablePortalUser",
            summary = "Remove a portal user (operator, or the partner's ADMIN its own partner's users; nobody"
            + " themselves): they can no longer sign in, their sessions end at once, the record stays with"
            + " disabledAt; another partner's user is 404")
    PortalUsers.PortalUser disable(Caller caller, @PathVariable long id) {
        return users.disable(caller, id);
    }

    @GetMapping("/api/v1/partners/{id}/portal-users")
    @Operation(summary = "The partner's portal users (operator or the partner)")
    List<PortalUsers.PortalUser> ofPartner(Caller caller, @PathVariable long id) {
        return users.ofPartner(caller, id);
    }
}
