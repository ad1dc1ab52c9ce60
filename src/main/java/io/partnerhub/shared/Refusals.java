package io.partnerhub.shared;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Refusals worded from a message bundle: the API's problem reads the English words, a portal page
 * the reader's language (the refusal keeps its {@link Phrase}). No words are written in Java.
 */
@Component
public class Refusals {

    private final MessageSource messages;

    Refusals(MessageSource messages) {
        this.messages = messages;
    }

    /** A rule refusing (422), on {@code field} when one is named. */
    public RuleViolation violation(String field, String key, Object... args) {
        Phrase phrase = Phrase.of(key, args);
        String english = phrase.in(messages, Locale.ENGLISH);
        RuleViolation violation = field == null ? new RuleViolation(english) : RuleViolation.of(field, english);
        violation.worded(phrase);
        return violation;
    }

    /** A conflict (409) with what is stored already. */
    public Conflict conflict(String key, Object... args) {
        Phrase phrase = Phrase.of(key, args);
        Conflict conflict = new Conflict(phrase.in(messages, Locale.ENGLISH));
        conflict.worded(phrase);
        return conflict;
    }
}
