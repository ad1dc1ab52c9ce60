package io.partnerhub.cabinet;

import io.partnerhub.shared.SecurityHeaders;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cabinet's own sign-in, apart from the portal's: its security context lives in the session
 * under {@link #CONTEXT}, a key neither the portal's chain nor the API's reads, and the portal's
 * context is never read here. So a cabinet session is no portal user, operator or token, and a
 * portal session opens no cabinet, even when one browser holds both. The session itself is the
 * portal's (Spring Session JDBC, the same cookie, idle timeout and CSRF token); which customer
 * and partner a page shows is decided by the page from the signed-in person, never by the address.
 */
@Configuration(proxyBeanMethods = false)
class CabinetSecurity {

    static final String CONTEXT = "partnerhub.cabinet.context";
    private static final Pattern CABINET = Pattern.compile("^/cabinet/(\\d{1,18})/");

    /** Where the cabinet keeps its signed-in person: the session, under the cabinet's key. */
    static HttpSessionSecurityContextRepository contexts() {
        HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
        sessions.setSpringSecurityContextKey(CONTEXT);
        sessions.setDisableUrlRewriting(true);
        return sessions;
    }

    @Bean
    @Order(4)
    @ConditionalOnWebApplication
    SecurityFilterChain cabinet(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/cabinet/**")
                .securityContext(context -> context.securityContextRepository(contexts()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
                .requestCache(cache -> cache.disable())
                .headers(SecurityHeaders.strict())
                .authorizeHttpRequests(auth -> auth
                        // the form, the brand's colours and an invitee's link (the token admits them)
                        .requestMatchers("/cabinet/*/login", "/cabinet/*/brand.css", "/cabinet/*/invitations/*").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, refused) -> {
                    Matcher partner = CABINET.matcher(request.getRequestURI());
                    if (partner.find()) {
                        response.sendRedirect(request.getContextPath() + "/cabinet/" + partner.group(1) + "/login");
                    } else {
                        response.sendError(HttpServletResponse.SC_NOT_FOUND);
                    }
                }))
                .build();
    }
}
