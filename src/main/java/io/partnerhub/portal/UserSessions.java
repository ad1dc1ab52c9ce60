package io.partnerhub.portal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Ends a person's portal sessions on the server, found by their principal name (the e-mail they
 * sign in with, indexed by Spring Session). Outside a web server (the command-line tools) there is
 * no session repository, and nothing to end.
 */
@Component
class UserSessions {

    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

    UserSessions(ObjectProvider<FindByIndexNameSessionRepository<?>> sessions) {
        this.sessions = sessions;
    }

    /** Ends every session of the person. */
    void endAll(String email) {
        endAllBut(email, null);
    }

    /** Ends every session of the person but {@code keptSessionId} (the one that changed the password). */
    void endAllBut(String email, String keptSessionId) {
        sessions.ifAvailable(repository -> repository.findByPrincipalName(email).keySet().stream()
                .filter(id -> !id.equals(keptSessionId))
                .forEach(repository::deleteById));
    }
}
