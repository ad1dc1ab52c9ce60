package io.partnerhub.portal;

import io.partnerhub.partner.Partners;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A partner's users, for its ADMIN: who signs in for the partner, pending invitations, and inviting
 * someone. Anyone else of the partner (FINANCE, SALES) or of another partner gets the 404 page.
 */
@Controller
@PortalPage
class UserPages {

    private final Partners partners;
    private final PortalUsers users;
    private final Invitations invitations;

    UserPages(Partners partners, PortalUsers users, Invitations invitations) {
        this.partners = partners;
        this.users = users;
        this.invitations = invitations;
    }

    @GetMapping("/portal/partners/{id}/users")
    String users(@ModelAttribute("me") SignedIn me, @PathVariable long id, Model model) {
        adminOnly(me, id);
        model.addAttribute("partner", partners.find(me.caller(), id));
        model.addAttribute("users", users.ofPartner(me.caller(), id));
        model.addAttribute("invitations", invitations.pending(me.caller(), id));
        model.addAttribute("inviteAction", "/portal/partners/" + id + "/users/invitations");
        return "users";
    }

    /**
     * Invites a person. The page answers with the link itself rather than redirecting: the token is
     * shown once and never stored, so it cannot travel through a redirect's URL or be shown again.
     */
    @PostMapping("/portal/partners/{id}/users/invitations")
    String invite(@ModelAttribute("me") SignedIn me, @PathVariable long id, @RequestParam String email,
                  @RequestParam String displayName, @RequestParam String role, HttpServletRequest request,
                  Model model) {
        adminOnly(me, id);
        try {
            Invitations.Issued issued = invitations.invite(me.caller(), id, email, displayName, role);
            model.addAttribute("invited", issued.invitation());
            model.addAttribute("invitationLink", link(request, issued));
        } catch (ProblemException e) {
            FormErrors.of(e, "email", "displayName", "role").into(model, "invite");
            model.addAttribute("invite", new PersonForm(email, displayName, role));
        }
        return users(me, id, model);
    }

    /** Removes one of the partner's users: they cannot sign in any more and their sessions end now. */
    @PostMapping("/portal/partners/{id}/users/{userId}/disable")
    String disable(@ModelAttribute("me") SignedIn me, @PathVariable long id, @PathVariable long userId,
                   RedirectAttributes redirect) {
        adminOnly(me, id);
        if (users.ofPartner(me.caller(), id).stream().noneMatch(u -> u.id() == userId)) {
            throw new NotFound("portal user", userId);
        }
        redirect.addAttribute("removed", users.disable(me.caller(), userId).email());
        return "redirect:/portal/partners/" + id + "/users";
    }

    /** What a form about a person (an invitation, a new user) said, to show it again when refused. */
    record PersonForm(String email, String displayName, String role) {
    }

    /** The absolute link to pass on to the invitee. */
    static String link(HttpServletRequest request, Invitations.Issued issued) {
        String base = request.getRequestURL().toString();
        return base.substring(0, base.length() - request.getRequestURI().length()) + request.getContextPath()
                + issued.path();
    }

    /** Only the partner's ADMIN manages its users here (operators do it from the console too). */
    private static void adminOnly(SignedIn me, long partnerId) {
        boolean admin = me.user().role() == PortalUsers.Role.ADMIN && me.user().partnerId() == partnerId;
        if (!admin && !me.operator()) {
            throw new NotFound("page", "/portal/partners/" + partnerId + "/users");
        }
    }
}
