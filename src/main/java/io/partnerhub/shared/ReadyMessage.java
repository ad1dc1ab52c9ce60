package io.partnerhub.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/** Tells whoever started the platform where to go and which token to use. */
@Component
@ConditionalOnWebApplication
class ReadyMessage {

    private static final Logger log = LoggerFactory.getLogger(ReadyMessage.class);

    private final OperatorToken operatorToken;
    private final Environment environment;

    ReadyMessage(OperatorToken operatorToken, Environment environment) {
        this.operatorToken = operatorToken;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready(ApplicationReadyEvent event) {
        String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        log.info("""
                        
                        Partnerhub is ready at {}
                          API docs:       {}/swagger-ui.html  (OpenAPI: {}/v3/api-docs)
                          Operator token: {}  (from {})
                          Try:            curl -H 'Authorization: Bearer {}' {}/api/v1/partners
                        """, base, base, base, operatorToken.value(), operatorToken.origin(),
                operatorToken.value(), base);
    }
}
