package io.partnerhub.cabinet;

import io.partnerhub.shared.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A cabinet page's refusals as a plain page in the reader's language: anything not the person's
 * to see is 404, never saying whether it exists; an ended sign-in goes back to the form.
 */
@ControllerAdvice(assignableTypes = CabinetPages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CabinetRefusals {

    private static final Logger log = LoggerFactory.getLogger(CabinetRefusals.class);

    @ExceptionHandler(CabinetPages.SignedOut.class)
    String signedOut(CabinetPages.SignedOut e) {
        return "redirect:/cabinet/" + e.partnerId + "/login";
    }

    @ExceptionHandler(ProblemException.class)
    String refused(ProblemException e, Model model, HttpServletResponse response) {
        int status = e.status().value() == 403 ? 404 : e.status().value();
        response.setStatus(status);
        model.addAttribute("status", status);
        return "cabinet/refused";
    }

    @ExceptionHandler(RuntimeException.class)
    String failed(RuntimeException e, HttpServletRequest request, Model model, HttpServletResponse response) {
        int status = e instanceof ErrorResponse known ? known.getStatusCode().value()
                : e instanceof org.springframework.beans.TypeMismatchException ? 404 : 500;
        if (status >= 500) {
            log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        }
        response.setStatus(status == 403 ? 404 : status);
        model.addAttribute("status", status == 403 ? 404 : status);
        return "cabinet/refused";
    }
}
