package io.partnerhub.portal;

import io.partnerhub.shared.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Map;

/**
 * The signed-in person changes their own password (the current one, the new one twice). The
 * person's other sessions end; this one stays. Refusals are shown next to their field, in the
 * reader's language.
 */
@Controller
@PortalPage
class PasswordPages {

    private final PortalUsers users;

    PasswordPages(PortalUsers users) {
        this.users = users;
    }

    @GetMapping("/portal/password")
    String form(@ModelAttribute("me") SignedIn me, Model model) {
        model.addAttribute("minPassword", PortalUsers.MIN_PASSWORD);
        model.addAttribute("maxPasswordBytes", PortalUsers.MAX_PASSWORD_BYTES);
        return "password";
    }

    @PostMapping("/portal/password")
    String change(@ModelAttribute("me") SignedIn me, @RequestParam String current, @RequestParam String password,
                  @RequestParam String repeated, HttpServletRequest request, HttpServletResponse response,
                  Model model) {
        Map<String, String> errors;
        if (!password.equals(repeated)) {
            errors = Map.of("repeated", "password.error.repeated");
        } else {
            try {
                users.changePassword(me.user(), current, password, request.getSession().getId());
                return "redirect:/portal/password?changed";
            } catch (ProblemException e) {
                if (e.errors().stream().anyMatch(p -> p.field().equals("current"))) {
                    errors = Map.of("current", "password.error.current");
                } else {
                    errors = Map.of("password", messageOf(PortalUsers.problemWith(password).orElseThrow(() -> e)));
                }
            }
        }
        response.setStatus(422);
        model.addAttribute("passwordErrors", errors);
        return form(me, model);
    }

    /** The message key that explains a refused new password, for every form that sets one. */
    static String messageOf(PortalUsers.PasswordProblem problem) {
        return switch (problem) {
            case TOO_SHORT -> "password.error.short";
            case TOO_LONG -> "password.error.long";
        };
    }
}
