package io.partnerhub.portal;

import io.partnerhub.shared.SecurityHeaders;
import io.partnerhub.shared.Today;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * Sign-in for the portal's pages. A signed-in person has a server-side session kept in PostgreSQL
 * (Spring Session JDBC, V22), so any instance serves any request, a restart keeps people signed
 * in, and signing out, a password change or a user's removal end sessions for good. A session
 * ends after {@code partnerhub.session.idle-timeout} without a request and, whatever happens,
 * {@code partnerhub.session.lifetime} after signing in; its id changes on sign-in. The CSRF token
 * lives in the session: the same for every page of one sign-in. Sign-in is throttled per account
 * and per client address ({@link SignInThrottle}). Operators may open every page; partners' people
 * only their own partner's (another partner's page answers 404).
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurity {

    /** The session's attribute holding when its person signed in, for the absolute lifetime. */
    static final String SIGNED_IN_AT = "partnerhub.signedInAt";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(2)
    @ConditionalOnWebApplication
    SecurityFilterChain portal(HttpSecurity http, PortalUsers users, PasswordEncoder passwords,
                               SignInThrottle throttle, SessionLimits limits, Today today) throws Exception {
        DaoAuthenticationProvider checkPassword = new DaoAuthenticationProvider(users);
        checkPassword.setPasswordEncoder(passwords);
        return http
                .securityMatcher("/", "/login", "/logout", "/portal/**", "/console/**", "/invitations/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .sessionFixation(fixation -> fixation.changeSessionId()))
                .requestCache(cache -> cache.disable())
                .headers(SecurityHeaders.strict())
                .authenticationManager(new ProviderManager(new ThrottledSignIn(checkPassword, throttle, today)))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login").permitAll()
                        // an invitee has no password yet: the link's token is what admits them
                        .requestMatchers("/invitations/**").permitAll()
                        // who may see what is decided by the pages (a refusal is a 404 page)
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").usernameParameter("email")
                        .successHandler(signedIn(today)).failureHandler(refused(today)).permitAll())
                .addFilterAfter(new SessionLifetime(limits.lifetime(), today), SecurityContextHolderFilter.class)
                .addFilterAfter(new SignedInForAudit(), AnonymousAuthenticationFilter.class)
                // ending the session deletes it from the database; who signed out stays for the audit log
                .logout(logout -> logout.logoutUrl("/logout").invalidateHttpSession(true)
                        .logoutSuccessHandler(new SignOut()))
                .build();
    }

    /** Notes when the person signed in (for the absolute lifetime), then opens the home page. */
    private static AuthenticationSuccessHandler signedIn(Today today) {
        SimpleUrlAuthenticationSuccessHandler home = new SimpleUrlAuthenticationSuccessHandler("/");
        home.setAlwaysUseDefaultTargetUrl(true);
        return (request, response, authentication) -> {
            request.getSession().setAttribute(SIGNED_IN_AT, today.now());
            home.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /** Back to the form: saying how many minutes to wait when throttled, or that the password was wrong. */
    private static AuthenticationFailureHandler refused(Today today) {
        return (request, response, e) -> response.sendRedirect(request.getContextPath()
                + (e instanceof SignInThrottled throttled
                ? "/login?throttled=" + throttled.minutesLeftAt(today.now())
                : "/login?error"));
    }
}
