package io.partnerhub.shared;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * A URL the security firewall refuses (an encoded {@code %}, {@code /} or {@code ;} in a path, a
 * {@code ..} segment) is a 400 problem saying so, like every other refusal, instead of the
 * container's bare error page.
 */
@Component
class RejectedRequests implements RequestRejectedHandler {

    private final ProblemResponses problems;

    RejectedRequests(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        problems.write(request, response, 400, "Bad Request",
                "The URL is not accepted: " + Shown.cut(String.valueOf(rejected.getMessage())));
    }
}
