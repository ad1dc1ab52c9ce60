package io.partnerhub.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

import java.io.IOException;

/**
 * After signing out (the session is deleted from the database by then), back to the sign-in form.
 * Signing out empties the request's security context, so this leaves the person who signed out in
 * the request again, where the audit log finds every portal action's actor.
 */
final class SignOut implements LogoutSuccessHandler {

    private final RequestAttributeSecurityContextRepository request = new RequestAttributeSecurityContextRepository();

    @Override
    public void onLogoutSuccess(HttpServletRequest req, HttpServletResponse res, Authentication who)
            throws IOException {
        if (who != null) {
            request.saveContext(new SecurityContextImpl(who), req, res);
        }
        res.sendRedirect(req.getContextPath() + "/login?signedOut");
    }
}
