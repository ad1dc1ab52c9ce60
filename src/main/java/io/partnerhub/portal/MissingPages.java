package io.partnerhub.portal;

import io.partnerhub.shared.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * An address under the portal or the console that no page answers: the same 404 page as a page the
 * person may not see (the most specific mapping wins, so every real page is found first).
 */
@Controller
@PortalPage
class MissingPages {

    @GetMapping({"/portal/**", "/console/**"})
    String missing(HttpServletRequest request) {
        throw new NotFound("page", request.getRequestURI());
    }
}
