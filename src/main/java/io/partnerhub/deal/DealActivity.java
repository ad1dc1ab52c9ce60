package io.partnerhub.deal;

import java.time.Instant;

/**
 * One entry of a deal's activity log: a note by the partner or the operator ({@code NOTE}), or what
 * the platform logged by itself: a stage change ({@code STAGE}), a change of the plan (target
 * amount, consumption type, expected close date: {@code PLAN}), a decision ({@code DECISION}:
 * rejected, approved, expired, released). {@code namesDiscount}: the text names the deal's extra
 * discount (an approval), which people who never see discounts (SALES) are shown without.
 */
record DealActivity(long id, long dealId, Instant at, String actor, Kind kind, String text, boolean namesDiscount) {

    enum Kind { NOTE, STAGE, PLAN, DECISION }
}
