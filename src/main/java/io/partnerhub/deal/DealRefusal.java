package io.partnerhub.deal;

import java.util.List;
import java.util.Locale;

import io.partnerhub.shared.Phrase;
import io.partnerhub.shared.RuleViolation;

/**
 * A deal-desk rule refusing a field of a request (422): the API's problem says it in English, as it
 * always did; the portal shows {@link #in} the reader's language.
 */
public class DealRefusal extends RuleViolation implements WordedRefusal {

    private final transient Phrase words;

    DealRefusal(String field, Phrase words) {
        super(DealWords.english(words), List.of(new FieldProblem(field, DealWords.english(words))));
        this.words = words;
    }

    /** The field refused. */
    public String field() {
        return errors().getFirst().field();
    }

    @Override
    public String in(Locale locale) {
        return DealWords.in(words, locale);
    }
}
