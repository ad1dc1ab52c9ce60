package io.partnerhub.incentive;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.partnerhub.event.Events;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ProblemException;

/**
 * The incentive feature's lifecycle events, every type in one place. A refusal's event commits on
 * its own, since the refused request's transaction rolls back, so a refusal leaves its trace.
 */
@Component
class IncentiveEvents {

    enum Type {
        BONUS_CODE_ISSUED("bonus-code.issued"),
        BONUS_CODE_REDEEMED("bonus-code.redeemed"),
        TRIAL_STARTED("trial.started"),
        TRIAL_ENDED("trial.ended"),
        FREE_MONTH_GRANTED("free-month.granted"),
        SANDBOX_GRANTED("sandbox.granted"),
        SANDBOX_ENDING("sandbox.ending"),
        SANDBOX_PAID("sandbox.paid"),
        BONUS_GRANTED("bonus.granted"),
        CO_MARKETING_REQUESTED("co-marketing.requested"),
        CO_MARKETING_APPROVED("co-marketing.approved"),
        CO_MARKETING_DECLINED("co-marketing.declined"),
        CO_MARKETING_REFUSED("co-marketing.refused"),
        LEAD_OFFERED("lead.offered"),
        LEAD_ACCEPTED("lead.accepted"),
        LEAD_DECLINED("lead.declined"),
        LEAD_EXPIRED("lead.expired"),
        LEAD_UNASSIGNED("lead.unassigned"),
        LEAD_REFUSED("lead.refused");

        final String type;

        Type(String type) {
            this.type = type;
        }
    }

    private final Events events;
    private final TransactionTemplate onItsOwn;

    IncentiveEvents(Events events, PlatformTransactionManager transactions) {
        this.events = events;
        this.onItsOwn = new TransactionTemplate(transactions);
        this.onItsOwn.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** An event in the caller's transaction. */
    void record(String actor, Long partnerId, Type type, String subject, String summary, Map<String, ?> data) {
        events.record(actor, partnerId, type.type, subject, summary, data);
    }

    /**
     * Records the refusal as an event committed at once, and returns it to be thrown. Call it before
     * the request's transaction records any event of its own (the event order lock is held to commit).
     */
    <E extends ProblemException> E refused(String actor, Long partnerId, Type type, String subject, E refusal,
                                           Map<String, ?> data) {
        Map<String, Object> details = new LinkedHashMap<>(data);
        details.put("refusal", refusal.getMessage());
        onItsOwn.executeWithoutResult(status -> events.record(actor, partnerId, type.type, subject,
                "Refused: " + refusal.getMessage(), details));
        return refusal;
    }

    /**
     * Runs {@code request} (a transaction of its own); when a rule refuses it (4xx other than 403 and
     * 404, which name nothing the caller may see), records {@code <what>.refused} with the refusal's
     * words after its transaction rolled back, and passes the refusal on.
     */
    <T> T refusalsRecorded(Caller caller, Long partnerId, String what, String subject, Supplier<T> request) {
        try {
            return request.get();
        } catch (ProblemException refusal) {
            int status = refusal.status().value();
            if (refusal.status().is4xxClientError() && status != 404 && status != 403) {
                onItsOwn.executeWithoutResult(tx -> events.record(caller.name(), partnerId, what + ".refused", subject,
                        "Refused: " + refusal.getMessage(), data("status", status, "refusal", refusal.getMessage())));
            }
            throw refusal;
        }
    }

    /** Pairs of key and value; null values are left out. */
    static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                data.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return data;
    }
}
