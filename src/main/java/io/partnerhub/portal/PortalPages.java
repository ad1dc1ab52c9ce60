package io.partnerhub.portal;

import java.time.LocalDate;

import io.partnerhub.partner.PartnerAccess;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.ErrorResponse;

/**
 * What every portal page shares: the signed-in person in the model, and refusals rendered as a
 * page (404 for anything the person may not see, never another partner's data). A partner's
 * people follow their partner's access ({@link PartnerAccess}), judged on every request: after the
 * exit date they only read, and once the partner is revoked (or the read window after its exit
 * ends) their session ends and they are sent to the sign-in form. A failure the page did not
 * expect is a page too, in the person's language, never the API's problem document.
 */
@ControllerAdvice(annotations = PortalPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortalPages {

    private static final Logger log = LoggerFactory.getLogger(PortalPages.class);

    private final PortalUsers users;

    PortalPages(PortalUsers users) {
        this.users = users;
    }

    @ModelAttribute("me")
    SignedIn me(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth.getName() == null) {
            return null;
        }
        PortalUsers.WithAccess found = users.withAccess(auth.getName()).orElse(null);
        if (found == null) {
            return null;
        }
        switch (found.access()) {
            case PartnerAccess.Ended ended -> throw new AccessEnded();
            case PartnerAccess.ReadOnly left when !reads(request) -> throw new PartnerLeft(left.exitDate(), left.lastDay());
            case null, default -> {
            }
        }
        return new SignedIn(found.user(), users.callerOf(found.user()));
    }

    private static boolean reads(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    /** The partner's access ended: so does this session. */
    static final class AccessEnded extends RuntimeException {
        AccessEnded() {
            super(null, null, false, false);
        }
    }

    /** The partner left the program: its people read until {@code lastDay}, and change nothing. */
    static final class PartnerLeft extends RuntimeException {
        final LocalDate exitDate;
        final LocalDate lastDay;

        PartnerLeft(LocalDate exitDate, LocalDate lastDay) {
            super(null, null, false, false);
            this.exitDate = exitDate;
            this.lastDay = lastDay;
        }
    }

    @ExceptionHandler(AccessEnded.class)
    String ended(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return "redirect:/login?ended";
    }

    @ExceptionHandler(PartnerLeft.class)
    String readOnly(PartnerLeft left, Model model, HttpServletResponse response) {
        response.setStatus(403);
        model.addAttribute("status", 403);
        model.addAttribute("leftOn", left.exitDate);
        model.addAttribute("readsUntil", left.lastDay);
        return "refused";
    }

    @ExceptionHandler(ProblemException.class)
    String refused(ProblemException e, Model model, HttpServletResponse response) {
        int status = e instanceof NotFound || e.status().value() == 403 ? 404 : e.status().value();
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("detail", status == 404 ? null : e.getMessage());
        return "refused";
    }

    /**
     * Anything else a page throws: the status the API would answer (a Spring MVC refusal keeps its
     * own, a value of the wrong kind in the address 400, a database rule 409, the rest 500), as the
     * refusal page; what failed goes to the log, not to the page.
     */
    @ExceptionHandler(RuntimeException.class)
    String failed(RuntimeException e, HttpServletRequest request, Model model, HttpServletResponse response) {
        int status = switch (e) {
            case ErrorResponse known -> known.getStatusCode().value();
            case TypeMismatchException wrongKind -> 400;
            case DataIntegrityViolationException conflict -> 409;
            default -> 500;
        };
        if (status == 403) {
            status = 404; // as every refusal of a page: it never says whether the page exists
        }
        if (status >= 500) {
            log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        }
        response.setStatus(status);
        model.addAttribute("status", status);
        return "refused";
    }
}
