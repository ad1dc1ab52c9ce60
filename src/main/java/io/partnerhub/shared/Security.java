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
 * Every {@code /api/**} request needs a bearer token; API docs, health and metrics are open.
 * Operator-only actions are refused (403) where they are handled; a partner asking for another
 * partner's data gets 404.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class Security {

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, OperatorToken operatorToken, PartnerTokens partnerTokens,
                            ProblemResponses problems, JdbcClient jdbc) throws Exception {
        TokenAuthentication tokens = new TokenAuthentication(operatorToken, partnerTokens, problems);
        return http
                .securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .addFilterBefore(tokens, AnonymousAuthenticationFilter.class)
                .addFilterAfter(new IdempotentRequests(jdbc, problems), TokenAuthentication.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.write(req, res, 401, "Unauthorized",
                                "Send Authorization: Bearer <token>."))
                        .accessDeniedHandler((req, res, ex) -> problems.write(req, res, 403, "Forbidden",
                                "This token may not do that.")))
                .build();
    }

    /** Everything the API and the portal's pages do not claim: API docs, health, metrics, static files. */
    @Bean
    @Order(10)
    SecurityFilterChain open(HttpSecurity http) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .build();
    }
}
