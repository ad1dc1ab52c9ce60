package io.partnerhub.deal;

import java.util.Locale;

import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.Phrase;

/**
 * A deal-desk request that contradicts the deal as it stands (409): the API's problem says it in
 * English, as it always did; the portal shows it {@link #in} the reader's language.
 */
public class DealConflict extends Conflict implements WordedRefusal {

    private final transient Phrase words;

    DealConflict(Phrase words) {
        super(DealWords.english(words));
        this.words = words;
    }

    @Override
    public String in(Locale locale) {
        return DealWords.in(words, locale);
    }
}
