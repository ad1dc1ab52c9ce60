package io.partnerhub.shared;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Every {@code /api/**} request needs a bearer token, except a customer's confirmation link
 * ({@code /api/v1/consents/{token}}); API docs, health and metrics are open.
 * Operator-only actions are refused (403) where they are handled; a partner asking for another
 * partner's data gets 404.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class Security {

    /**
     * API paths that need no token of ours: a customer confirming a partner's link, where the
     * one-time token in the path is the authority (its feature answers 404 or 410 for a bad one).
     */
    private static final String[] OPEN_API_PATHS = {"/api/v1/consents/*"};

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, OperatorToken operatorToken, PartnerTokens partnerTokens,
                            ProblemResponses problems, JdbcClient jdbc) throws Exception {
        return bearerTokens(http, "/api/**", new TokenAuthentication(operatorToken, partnerTokens, problems), problems,
                "Send Authorization: Bearer <token>.", "This token may not do that.")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(OPEN_API_PATHS).permitAll()
                        .anyRequest().authenticated())
                .addFilterAfter(new IdempotentRequests(jdbc, problems), TokenAuthentication.class)
                .build();
    }

    /**
     * The Prometheus scrape: the operator token only (Prometheus sends it as {@code bearer_token}).
     * Import volumes, close progress and latencies are the provider's business, not the public's.
     */
    @Bean
    @Order(3)
    SecurityFilterChain metrics(HttpSecurity http, OperatorToken operatorToken, PartnerTokens partnerTokens,
                                ProblemResponses problems) throws Exception {
        return bearerTokens(http, "/actuator/prometheus", new TokenAuthentication(operatorToken, partnerTokens, problems),
                problems, "Send Authorization: Bearer <the operator token>.", "Only the operator token reads the metrics.")
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole("OPERATOR"))
                .build();
    }

    /**
     * What a chain of bearer tokens is, whatever it guards: no session, cookie or CSRF token (a
     * request carries its authority), strict headers, and 401 and 403 as problem documents that say
     * what to send or why not.
     */
    private static HttpSecurity bearerTokens(HttpSecurity http, String paths, TokenAuthentication tokens,
                                             ProblemResponses problems, String unauthorized, String forbidden)
            throws Exception {
        return http
                .securityMatcher(paths)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(SecurityHeaders.strict())
                .addFilterBefore(tokens, AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.write(req, res, 401, "Unauthorized", unauthorized))
                        .accessDeniedHandler((req, res, ex) -> problems.write(req, res, 403, "Forbidden", forbidden)));
    }

    /** Everything the API and the portal's pages do not claim: API docs, health, static files. */
    @Bean
    @Order(10)
    SecurityFilterChain open(HttpSecurity http) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .headers(SecurityHeaders.strict())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }
}
