package io.partnerhub.portal;

import io.partnerhub.shared.ProblemException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page an invitation link opens, signed in or not: the invitee sets a password and is sent to
 * sign in. A spent link (expired, used, replaced by a newer one) answers 410 with a page saying so;
 * an unknown one the 404 page.
 */
@Controller
@PortalPage
class InvitationPages {

    private final Invitations invitations;

    InvitationPages(Invitations invitations) {
        this.invitations = invitations;
    }

    @GetMapping("/invitations/{token}")
    String open(@PathVariable String token, Model model, HttpServletResponse response) {
        try {
            model.addAttribute("invitation", invitations.open(token));
        } catch (InvitationGone e) {
            return gone(e, model, response);
        }
        model.addAttribute("token", token);
        model.addAttribute("minPassword", PortalUsers.MIN_PASSWORD);
        model.addAttribute("maxPasswordBytes", PortalUsers.MAX_PASSWORD_BYTES);
        return "invitation";
    }

    @PostMapping("/invitations/{token}")
    String accept(@PathVariable String token, @RequestParam String password, @RequestParam String repeated,
                  Model model, HttpServletResponse response) {
        try {
            if (!password.equals(repeated)) {
                model.addAttribute("passwordError", "repeated");
            } else {
                invitations.accept(token, password);
                return "redirect:/login?invited";
            }
        } catch (InvitationGone e) {
            return gone(e, model, response);
        } catch (ProblemException e) {
            if (e.errors().stream().anyMatch(p -> p.field().equals("password"))) {
                model.addAttribute("passwordError",
                        PortalUsers.problemWith(password).orElse(null) == PortalUsers.PasswordProblem.TOO_LONG
                                ? "long" : "short");
            } else {
                model.addAttribute("error", e.getMessage());
            }
        }
        response.setStatus(422);
        return open(token, model, response);
    }

    private static String gone(InvitationGone e, Model model, HttpServletResponse response) {
        response.setStatus(410);
        model.addAttribute("gone", e.why().name());
        return "invitation";
    }
}
