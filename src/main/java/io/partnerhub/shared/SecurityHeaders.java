package io.partnerhub.shared;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The headers every response carries, the API's and the portal's alike (docs/portal.md, "Sessions and headers"): a
 * Content-Security-Policy that lets pages load scripts, styles, fonts and images from the platform
 * only (no inline script or style anywhere; Pico CSS draws its icons from data: images), never be
 * framed, and post forms only to the platform; Referrer-Policy same-origin; and Spring Security's
 * defaults (X-Content-Type-Options nosniff, X-Frame-Options DENY, no caching of responses).
 */
public final class SecurityHeaders {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    public static Customizer<HeadersConfigurer<HttpSecurity>> strict() {
        return headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN));
    }
}
