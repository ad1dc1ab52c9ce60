package io.partnerhub.cabinet;

import io.partnerhub.customer.Customers;
import io.partnerhub.partner.PartnerAccess;
import io.partnerhub.partner.Partners;
import io.partnerhub.portal.PortalUsers;
import io.partnerhub.portal.SignedIn;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The partner's side of its customers' cabinet, in the portal: the partner's ADMIN (or an
 * operator) sees a customer's cabinet users, invites one and disables one. Anyone else, and any
 * customer the partner never held, gets the portal's 404 page; a partner that left the program
 * only reads, and a revoked one's people are signed out, as on every portal page.
 */
@Controller
class CabinetUserPages {

    private final CabinetUsers users;
    private final PortalUsers portalUsers;
    private final PartnerAccess access;
    private final Partners partners;
    private final Customers customers;

    CabinetUserPages(CabinetUsers users, PortalUsers portalUsers, PartnerAccess access, Partners partners,
                     Customers customers) {
        this.users = users;
        this.portalUsers = portalUsers;
        this.access = access;
        this.partners = partners;
        this.customers = customers;
    }

    @GetMapping("/portal/partners/{id}/customers/{customerId}/cabinet-users")
    String list(@PathVariable long id, @PathVariable long customerId, HttpServletRequest request, Model model) {
        SignedIn me = admin(id, request);
        model.addAttribute("me", me);
        model.addAttribute("partner", partners.find(me.caller(), id));
        model.addAttribute("customer", customers.find(me.caller(), customerId));
        model.addAttribute("cabinetUsers", users.ofCustomer(me.caller(), id, customerId));
        model.addAttribute("action", "/portal/partners/" + id + "/customers/" + customerId + "/cabinet-users");
        return "cabinet-users";
    }

    @PostMapping("/portal/partners/{id}/customers/{customerId}/cabinet-users")
    String invite(@PathVariable long id, @PathVariable long customerId, @RequestParam(defaultValue = "") String email,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        SignedIn me = admin(id, request);
        try {
            CabinetUsers.CabinetUser invited = users.invite(me.caller(), id, customerId, email);
            return "redirect:/portal/partners/" + id + "/customers/" + customerId + "/cabinet-users?invited="
                    + java.net.URLEncoder.encode(invited.email(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (ProblemException refused) {
            if (refused instanceof NotFound) {
                throw refused;
            }
            response.setStatus(refused.status().value());
            model.addAttribute("inviteError", refused.status().value() == 409 ? "taken" : "email");
            model.addAttribute("email", email);
            return list(id, customerId, request, model);
        }
    }

    @PostMapping("/portal/partners/{id}/customers/{customerId}/cabinet-users/{userId}/disable")
    String disable(@PathVariable long id, @PathVariable long customerId, @PathVariable long userId,
                   HttpServletRequest request) {
        SignedIn me = admin(id, request);
        CabinetUsers.CabinetUser disabled = users.disable(me.caller(), id, customerId, userId);
        return "redirect:/portal/partners/" + id + "/customers/" + customerId + "/cabinet-users?disabled="
                + java.net.URLEncoder.encode(disabled.email(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The signed-in operator, or the partner's own ADMIN; anyone else is answered 404. */
    private SignedIn admin(long partnerId, HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        PortalUsers.PortalUser user = auth == null || auth.getName() == null ? null
                : portalUsers.byEmail(auth.getName()).orElse(null);
        if (user == null) {
            throw new NotFound("page", request.getRequestURI());
        }
        if (user.role() == PortalUsers.Role.OPERATOR) {
            return new SignedIn(user, new Caller.Operator("user:" + user.email()));
        }
        if (user.role() != PortalUsers.Role.ADMIN || user.partnerId() == null || user.partnerId() != partnerId) {
            throw new NotFound("page", request.getRequestURI());
        }
        switch (access.of(partnerId)) {
            case PartnerAccess.Ended ended -> throw new AccessEnded();
            case PartnerAccess.ReadOnly left when !"GET".equals(request.getMethod()) ->
                    throw new NotFound("page", request.getRequestURI());
            default -> {
            }
        }
        return new SignedIn(user, new Caller.PartnerUser(partnerId, user.id(), user.email()));
    }

    /** The partner's access ended: so does this session, as on every portal page. */
    static final class AccessEnded extends RuntimeException {
        AccessEnded() {
            super(null, null, false, false);
        }
    }

    @ExceptionHandler(AccessEnded.class)
    String ended(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return "redirect:/login?ended";
    }

    @ExceptionHandler(ProblemException.class)
    String refused(ProblemException e, HttpServletResponse response, Model model) {
        int status = e.status().value() == 403 ? 404 : e.status().value();
        response.setStatus(status);
        model.addAttribute("status", status);
        return "refused";
    }
}
