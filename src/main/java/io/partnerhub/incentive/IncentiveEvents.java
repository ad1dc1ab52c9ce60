package io.partnerhub.incentive;

import io.partnerhub.event.Events;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ProblemException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The incentive feature's events (docs/incentives.md lists them). A refusal is an event too: it is
 * recorded in a transaction of its own, since the refused request's transaction rolls back.
 */
@Component
class IncentiveEvents {

    static final String BONUS_CODE_ISSUED = "bonus-code.issued";
    static final String BONUS_CODE_REDEEMED = "bonus-code.redeemed";
    static final String TRIAL_STARTED = "trial.started";
    static final String TRIAL_ENDED = "trial.ended";
    static final String FREE_MONTH_GRANTED = "free-month.granted";
    static final String SANDBOX_GRANTED = "sandbox.granted";
    static final String SANDBOX_ENDING = "sandbox.ending";
    static final String SANDBOX_PAID = "sandbox.paid";
    static final String BONUS_GRANTED = "bonus.granted";

    private final Events events;
    private final TransactionTemplate ownTransaction;

    IncentiveEvents(Events events, PlatformTransactionManager transactions) {
        this.events = events;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Records an event in the caller's transaction. */
    void record(String actor, Long partnerId, String type, String subject, String summary, Map<String, ?> data) {
        events.record(actor, partnerId, type, subject, summary, data);
    }

    /**
     * Runs {@code request}; when a rule refuses it (4xx), records {@code <what>.refused} with the
     * refusal's words before passing the refusal on.
     */
    <T> T refusalsRecorded(Caller caller, Long partnerId, String what, String subject, Supplier<T> request) {
        try {
            return request.get();
        } catch (ProblemException refusal) {
            if (refusal.status().is4xxClientError() && refusal.status().value() != 404
                    && refusal.status().value() != 403) {
                ownTransaction.executeWithoutResult(status -> events.record(caller.name(), partnerId, what + ".refused",
                        subject, "Refused: " + refusal.getMessage(), data("status", refusal.status().value(),
                                "detail", refusal.getMessage())));
            }
            throw refusal;
        }
    }

    static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            data.put((String) pairs[i], pairs[i + 1]);
        }
        return data;
    }
}
