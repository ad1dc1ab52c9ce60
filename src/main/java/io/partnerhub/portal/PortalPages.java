package io.partnerhub.portal;

import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.ProblemException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every portal page shares: the signed-in person in the model, and refusals rendered as a
 * page (404 for anything the person may not see, never another partner's data).
 */
@ControllerAdvice(annotations = PortalPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortalPages {

    private final PortalUsers users;

    PortalPages(PortalUsers users) {
        this.users = users;
    }

    @ModelAttribute("me")
    SignedIn me() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth.getName() == null) {
            return null;
        }
        return users.byEmail(auth.getName()).map(u -> new SignedIn(u, users.callerOf(u))).orElse(null);
    }

    @ExceptionHandler(ProblemException.class)
    String refused(ProblemException e, Model model, HttpServletResponse response) {
        int status = e instanceof NotFound || e.status().value() == 403 ? 404 : e.status().value();
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("detail", status == 404 ? null : e.getMessage());
        return "refused";
    }
}
