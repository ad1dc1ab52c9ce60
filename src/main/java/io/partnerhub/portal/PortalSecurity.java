package io.partnerhub.portal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.rememberme.TokenBasedRememberMeServices;
import org.springframework.security.authentication.RememberMeAuthenticationToken;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfTokenRepository;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Sign-in for the portal's pages. Stateless like the API, so any instance serves any request:
 * signing in sets a signed cookie (Spring Security's token-based remember-me, 8 hours, keyed by a
 * secret kept in the database) and the CSRF token travels in a cookie too. Operators may open
 * every page; partners' people only their own partner's (another partner's page answers 404).
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurity {

    static final String SESSION_COOKIE = "partnerhub-session";
    private static final int SESSION_SECONDS = 8 * 3600;

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(2)
    @ConditionalOnWebApplication
    SecurityFilterChain portal(HttpSecurity http, PortalUsers users, JdbcClient jdbc) throws Exception {
        String key = secret(jdbc);
        TokenBasedRememberMeServices sessions = new TokenBasedRememberMeServices(key, users);
        sessions.setAlwaysRemember(true);
        sessions.setTokenValiditySeconds(SESSION_SECONDS);
        sessions.setCookieName(SESSION_COOKIE);
        CsrfTokenRepository csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        return http
                .securityMatcher("/", "/login", "/logout", "/portal/**", "/console/**", "/invitations/**")
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .sessionAuthenticationStrategy(newTokenOnSignIn(csrfTokens)))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login").permitAll()
                        // an invitee has no password yet: the link's token is what admits them
                        .requestMatchers("/invitations/**").permitAll()
                        // who may see what is decided by the pages (a refusal is a 404 page): a
                        // signed-in person is always a remember-me login here, which Spring Security
                        // would send back to the sign-in form instead of refusing
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").usernameParameter("email")
                        .defaultSuccessUrl("/", true).failureUrl("/login?error").permitAll())
                .rememberMe(remember -> remember.key(key).rememberMeServices(sessions))
                // signing out leaves who signed out in the request, for the audit log
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(new SignOut(sessions))
                        .deleteCookies(SESSION_COOKIE))
                .build();
    }

    /**
     * A new CSRF token when a person signs in on the form, not on every request: stateless, each
     * request signs in again from the session cookie, and a new token per request would refuse
     * the forms of every page but the one loaded last (a second tab, or the dashboard after it
     * loaded its month so far).
     */
    private static SessionAuthenticationStrategy newTokenOnSignIn(CsrfTokenRepository csrfTokens) {
        CsrfAuthenticationStrategy newToken = new CsrfAuthenticationStrategy(csrfTokens);
        return (authentication, request, response) -> {
            if (!(authentication instanceof RememberMeAuthenticationToken)) {
                newToken.onAuthentication(authentication, request, response);
            }
        };
    }

    /** The cookie-signing secret: made by the first instance that starts, read by the others. */
    private static String secret(JdbcClient jdbc) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        jdbc.sql("insert into portal_key (id, secret) values (1, :secret) on conflict (id) do nothing")
                .param("secret", HexFormat.of().formatHex(random)).update();
        return jdbc.sql("select secret from portal_key where id = 1").query(String.class).single();
    }
}
