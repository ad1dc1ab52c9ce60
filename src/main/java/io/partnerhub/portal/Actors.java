package io.partnerhub.portal;

import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ProblemException;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who did something, as a person reads it: the audit log and a deal's activity record an actor as
 * the platform names callers ("operator", "user:anna@…", "partner:7/user:anna@…",
 * "partner:7/token:3", an e-mail, "anonymous"); pages show the person's name with the e-mail
 * beside it, or which token it was.
 */
@Component
class Actors {

    private static final Pattern PARTNER_USER = Pattern.compile("partner:(\\d+)/user:(.+)");
    private static final Pattern PARTNER_TOKEN = Pattern.compile("partner:(\\d+)/token:(\\d+)");

    private final PortalUsers users;
    private final Partners partners;
    private final MessageSource messages;

    Actors(PortalUsers users, Partners partners, MessageSource messages) {
        this.users = users;
        this.partners = partners;
        this.messages = messages;
    }

    /** Each actor of {@code actors} as it reads in {@code locale}, looked up once each. */
    Map<String, String> named(Caller caller, Iterable<String> actors, Locale locale) {
        Map<String, String> named = new HashMap<>();
        for (String actor : actors) {
            named.computeIfAbsent(actor, a -> name(caller, a, locale));
        }
        return named;
    }

    String name(Caller caller, String actor, Locale locale) {
        if (actor == null || actor.isBlank()) {
            return "—";
        }
        if ("operator".equals(actor)) {
            return messages.getMessage("actor.operatorToken", null, locale);
        }
        if ("anonymous".equals(actor)) {
            return messages.getMessage("actor.anonymous", null, locale);
        }
        Matcher token = PARTNER_TOKEN.matcher(actor);
        if (token.matches()) {
            return messages.getMessage("actor.partnerToken",
                    new Object[]{partnerName(caller, Long.parseLong(token.group(1))), token.group(2)}, locale);
        }
        Matcher partnerUser = PARTNER_USER.matcher(actor);
        String email = partnerUser.matches() ? partnerUser.group(2)
                : actor.startsWith("user:") ? actor.substring("user:".length()) : actor;
        return users.byEmail(email).map(u -> u.displayName() + " (" + u.email() + ")").orElse(email);
    }

    /** The partner's name, or its number where the caller may not see it. */
    String partnerName(Caller caller, long partnerId) {
        try {
            return partners.find(caller, partnerId).name();
        } catch (ProblemException e) {
            return "№" + partnerId;
        }
    }
}
