package io.partnerhub.deal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.partnerhub.event.Events;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.Phrase;
import io.partnerhub.shared.RuleViolation;

/**
 * The partner's pipeline of a deal (stage, plan) and its activity log. A partner works on its own
 * deals only (another partner's answers 404, as if it did not exist); the operator on any.
 */
@Service
class DealPipeline {

    private final JdbcClient jdbc;
    private final DealActivities activities;
    private final Events events;

    DealPipeline(JdbcClient jdbc, DealActivities activities, Events events) {
        this.jdbc = jdbc;
        this.activities = activities;
        this.events = events;
    }

    /**
     * Moves an active (pending or approved) deal to another stage: IN_PROGRESS to WON or LOST, LOST
     * back to IN_PROGRESS. LOST needs a reason, OTHER a note. Logged as a STAGE activity and a
     * {@code deal.stage-changed} event.
     */
    @Transactional
    Deal changeStage(Caller caller, long dealId, DealStage stage, LostReason lostReason, String note) {
        Deal deal = locked(caller, dealId);
        if (!deal.status().active()) {
            throw new DealConflict(DealWords.of("deals.refusal.NOT_ACTIVE", dealId, Deals.status(deal.status())));
        }
        if (!deal.stage().canMoveTo(stage)) {
            throw new DealConflict(DealWords.of("deals.refusal.STAGE_MOVE", dealId,
                    DealWords.of("deals.log.stage." + deal.stage().name()), DealWords.of("deals.log.stage." + stage.name())));
        }
        String text = note == null || note.isBlank() ? null : note.strip();
        if (stage == DealStage.LOST && lostReason == null) {
            throw RuleViolation.of("lostReason", "is required to mark a deal LOST: one of " + List.of(LostReason.values()));
        }
        if (stage != DealStage.LOST && lostReason != null) {
            throw RuleViolation.of("lostReason", "is given only when a deal is LOST");
        }
        if (lostReason == LostReason.OTHER && text == null) {
            throw RuleViolation.of("note", "is required when the reason is OTHER: say what happened");
        }
        jdbc.sql("update deal set stage = :stage, lost_reason = :reason, stage_note = :note where id = :id")
                .param("stage", stage.name()).param("reason", lostReason == null ? null : lostReason.name())
                .param("note", text).param("id", dealId).update();
        String change = deal.stage() + " to " + stage + (lostReason == null ? "" : " (" + lostReason + ")")
                + (text == null ? "" : ": " + text);
        activities.log(deal, caller.name(), DealActivity.Kind.STAGE, stageChange(deal.stage(), stage, lostReason, text));
        events.record(caller.name(), deal.partnerId(), "deal.stage-changed", "deal/" + dealId, "Deal " + dealId
                + " moved from " + change, Deals.data("from", deal.stage(), "to", stage, "lostReason", lostReason, "note", text));
        return fetch(dealId);
    }

    /** The plan's fields to change; null leaves a field as it is. */
    record Plan(BigDecimal targetAmount, ConsumptionType consumptionType, LocalDate expectedCloseOn) {
    }

    /** Changes the plan of a deal (any status: it is the partner's own forecast), logged as a PLAN activity. */
    @Transactional
    Deal changePlan(Caller caller, long dealId, Plan plan) {
        Deal deal = locked(caller, dealId);
        List<Phrase> changes = new ArrayList<>();
        if (plan.targetAmount() != null && (deal.targetAmount() == null
                || deal.targetAmount().compareTo(plan.targetAmount()) != 0)) {
            changes.add(DealWords.of("deals.log.plan.TARGET_AMOUNT", shown(deal.targetAmount()),
                    plan.targetAmount().toPlainString()));
        }
        if (plan.consumptionType() != null && plan.consumptionType() != deal.consumptionType()) {
            changes.add(DealWords.of("deals.log.plan.CONSUMPTION_TYPE", shown(deal.consumptionType()),
                    plan.consumptionType().name()));
        }
        if (plan.expectedCloseOn() != null && !plan.expectedCloseOn().equals(deal.expectedCloseOn())) {
            changes.add(DealWords.of("deals.log.plan.EXPECTED_CLOSE", shown(deal.expectedCloseOn()),
                    plan.expectedCloseOn()));
        }
        if (changes.isEmpty()) {
            return deal;
        }
        jdbc.sql("""
                        update deal set target_amount = coalesce(:target, target_amount),
                                        consumption_type = coalesce(:type, consumption_type),
                                        expected_close_on = coalesce(:closeOn, expected_close_on)
                         where id = :id""")
                .param("target", plan.targetAmount())
                .param("type", plan.consumptionType() == null ? null : plan.consumptionType().name())
                .param("closeOn", plan.expectedCloseOn()).param("id", dealId).update();
        activities.log(deal, caller.name(), DealActivity.Kind.PLAN, DealWords.of("deals.log.PLAN", changes));
        return fetch(dealId);
    }

    /** Adds a note to a deal's activity log (any status), with a {@code deal.activity-added} event. */
    @Transactional
    DealActivity addNote(Caller caller, long dealId, String note) {
        Deal deal = visible(caller, dealId);
        DealActivity added = activities.note(deal, caller.name(), note.strip());
        events.record(caller.name(), deal.partnerId(), "deal.activity-added", "deal/" + dealId, "Note added to deal "
                + dealId, Deals.data("activityId", added.id(), "kind", added.kind()));
        return added;
    }

    /** The deal's activity log, oldest first. */
    List<DealActivity> activities(Caller caller, long dealId) {
        visible(caller, dealId);
        return activities.of(dealId);
    }

    private Deal locked(Caller caller, long dealId) {
        Deal deal = jdbc.sql("select * from deal where id = :id for update").param("id", dealId).query(Deals::deal)
                .optional().orElseThrow(() -> new NotFound("deal", dealId));
        if (!caller.sees(deal.partnerId())) {
            throw new NotFound("deal", dealId);
        }
        return deal;
    }

    private Deal visible(Caller caller, long dealId) {
        Deal deal = fetch(dealId);
        if (!caller.sees(deal.partnerId())) {
            throw new NotFound("deal", dealId);
        }
        return deal;
    }

    private Deal fetch(long dealId) {
        return jdbc.sql("select * from deal where id = :id").param("id", dealId).query(Deals::deal).optional()
                .orElseThrow(() -> new NotFound("deal", dealId));
    }

    /** A value before a plan change: "(none)" in the reader's language where there was none. */
    private static Object shown(Object value) {
        return value == null ? DealWords.of("deals.log.NONE")
                : value instanceof BigDecimal amount ? amount.toPlainString()
                : value instanceof LocalDate day ? day : value.toString();
    }

    /** "Stage IN_PROGRESS to LOST (PRICE): note", the lost reason and the note where given. */
    private static Phrase stageChange(DealStage from, DealStage to, LostReason lostReason, String note) {
        Phrase fromStage = DealWords.of("deals.log.stage." + from.name());
        Phrase toStage = DealWords.of("deals.log.stage." + to.name());
        if (lostReason == null) {
            return note == null ? DealWords.of("deals.log.STAGE", fromStage, toStage)
                    : DealWords.of("deals.log.STAGE_NOTE", fromStage, toStage, note);
        }
        Phrase why = DealWords.of("deals.log.lost." + lostReason.name());
        return note == null ? DealWords.of("deals.log.STAGE_LOST", fromStage, toStage, why)
                : DealWords.of("deals.log.STAGE_LOST_NOTE", fromStage, toStage, why, note);
    }
}
