package io.partnerhub.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.authentication.RememberMeServices;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

import java.io.IOException;

/**
 * After signing out, back to the sign-in form. Sign-out comes before the portal recognizes its
 * session cookie, so the person signing out is unknown by then; this reads the cookie the request
 * still carries (checked like every request's: signature, expiry, user still enabled) and leaves
 * the person in the request, where the audit log finds every portal action's actor.
 */
final class SignOut implements LogoutSuccessHandler {

    private final RememberMeServices sessions;
    private final RequestAttributeSecurityContextRepository request = new RequestAttributeSecurityContextRepository();

    SignOut(RememberMeServices sessions) {
        this.sessions = sessions;
    }

    @Override
    public void onLogoutSuccess(HttpServletRequest req, HttpServletResponse res, Authentication ignored)
            throws IOException {
        Authentication who = sessions.autoLogin(req, res);
        if (who != null) {
            request.saveContext(new SecurityContextImpl(who), req, res);
        }
        res.sendRedirect(req.getContextPath() + "/login?signedOut");
    }
}
