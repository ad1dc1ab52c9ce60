package io.partnerhub.deal;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.partnerhub.shared.Phrase;

/**
 * A rule a registration breaks. {@code reason} is what the partner reads and never names another
 * partner: {@code words} in the reader's language ({@code reasonCode}, {@code reasonArgs} for
 * clients that word it themselves), English unless rendered with {@link #in}. {@code claim}
 * ({@code deal/12}, {@code link/5}, {@code project/3}, {@code customer/7}) and
 * {@code otherPartnerId} are for the operator's queue only. {@code review}: the conflict does not
 * reject the registration, the deal waits for the operator with it shown (a direct customer where
 * the program says so, a link to a customer record a partner created that has no consumption).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ClaimConflict(DealRule rule, String reason, String claim, Long otherPartnerId, boolean review,
                     @JsonIgnore Phrase words) {

    ClaimConflict(DealRule rule, Phrase words, String claim, Long otherPartnerId, boolean review) {
        this(rule, DealWords.english(words), claim, otherPartnerId, review, words);
    }

    /** A conflict that rejects the registration. */
    ClaimConflict(DealRule rule, Phrase words, String claim, Long otherPartnerId) {
        this(rule, words, claim, otherPartnerId, false);
    }

    @JsonProperty
    String reasonCode() {
        return words.key();
    }

    @JsonProperty
    List<Object> reasonArgs() {
        return DealWords.argsOf(words);
    }

    /** The conflict with its reason in {@code locale}. */
    ClaimConflict in(Locale locale) {
        return new ClaimConflict(rule, DealWords.in(words, locale), claim, otherPartnerId, review, words);
    }
}
