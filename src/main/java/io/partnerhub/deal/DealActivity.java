package io.partnerhub.deal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.partnerhub.shared.Phrase;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One entry of a deal's activity log: a note by the partner or the operator ({@code NOTE}), or what
 * the platform logged by itself: a stage change ({@code STAGE}), a change of the plan (target
 * amount, consumption type, expected close date: {@code PLAN}), a decision ({@code DECISION}:
 * rejected, approved, expired, released). {@code namesDiscount}: the text names the deal's extra
 * discount (an approval), which people who never see discounts (SALES) are shown without.
 * What the platform logged carries its {@code words} ({@code textCode}, {@code textArgs}); {@code text}
 * is them in English unless rendered with {@link #in}. A note, and an entry logged before the
 * words were kept, has only its text, shown as written.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DealActivity(long id, long dealId, Instant at, String actor, Kind kind, String text, boolean namesDiscount,
                    @JsonIgnore Phrase words) {

    @Schema(name = "DealActivityKind")
    enum Kind { NOTE, STAGE, PLAN, DECISION }

    @JsonProperty
    String textCode() {
        return words == null ? null : words.key();
    }

    @JsonProperty
    List<Object> textArgs() {
        return DealWords.argsOf(words);
    }

    /** The entry with its text in {@code locale}. */
    DealActivity in(Locale locale) {
        return words == null ? this
                : new DealActivity(id, dealId, at, actor, kind, DealWords.in(words, locale), namesDiscount, words);
    }
}
