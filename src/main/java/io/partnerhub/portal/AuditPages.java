package io.partnerhub.portal;

import io.partnerhub.shared.PeriodInput;
import io.partnerhub.audit.AuditEntry;
import io.partnerhub.audit.AuditLog;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.Today;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The operator's audit log: every state-changing request to the API and the portal, searched by
 * actor, partner, path, outcome and days (Moscow time), newest first, a page at a time.
 */
@Controller
@PortalPage
class AuditPages {

    static final int PAGE = 100;
    private static final Set<String> OUTCOMES = Set.of("DONE", "REFUSED", "FAILED");

    private final AuditLog log;
    private final Actors actors;

    AuditPages(AuditLog log, Actors actors) {
        this.log = log;
        this.actors = actors;
    }

    /** The search form as typed; a value that cannot be read is refused next to its field. */
    record Search(String actor, String partnerId, String path, String outcome, String from, String to, Long before) {
    }

    @GetMapping("/console/audit")
    String audit(@ModelAttribute("me") SignedIn me, Search search, Model model) {
        if (!me.operator()) {
            throw new NotFound("page", "/console/audit");
        }
        model.addAttribute("search", search);
        model.addAttribute("zone", Today.ZONE);
        try {
            List<AuditEntry> found = log.search(query(search));
            List<AuditEntry> shown = found.size() > PAGE ? found.subList(0, PAGE) : found;
            Locale locale = LocaleContextHolder.getLocale();
            model.addAttribute("entries", shown);
            model.addAttribute("actors", actors.named(me.caller(), shown.stream().map(AuditEntry::actor).toList(), locale));
            Map<Long, String> partnerNames = new HashMap<>();
            shown.stream().map(AuditEntry::partnerId).filter(Objects::nonNull).distinct()
                    .forEach(p -> partnerNames.put(p, actors.partnerName(me.caller(), p)));
            model.addAttribute("partnerNames", partnerNames);
            model.addAttribute("next", found.size() > PAGE ? ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("before", found.get(PAGE - 1).id()).build().toUriString() : null);
        } catch (Refused e) {
            model.addAttribute("entries", List.of());
            model.addAttribute("actors", Map.of());
            model.addAttribute("partnerNames", Map.of());
            model.addAttribute("errorField", e.field);
            model.addAttribute("error", e.getMessage());
        }
        return "audit";
    }

    /** One page of the search, plus one entry to tell whether there is a next page. */
    private static AuditLog.Query query(Search s) {
        Long partnerId = blank(s.partnerId()) ? null : number("partnerId", s.partnerId());
        LocalDate from = blank(s.from()) ? null : date("from", s.from());
        LocalDate to = blank(s.to()) ? null : date("to", s.to());
        if (from != null && to != null && to.isBefore(from)) {
            throw new Refused("to", "programs.audit.error.toBeforeFrom");
        }
        if (!blank(s.outcome()) && !OUTCOMES.contains(s.outcome())) {
            throw new Refused("outcome", "programs.audit.error.outcome");
        }
        return new AuditLog.Query(trimmed(s.actor()), partnerId, trimmed(s.path()), trimmed(s.outcome()),
                from == null ? null : from.atStartOfDay(Today.ZONE).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(Today.ZONE).toInstant(),
                s.before(), PAGE + 1, 0);
    }

    private static long number(String field, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new Refused(field, "programs.audit.error.number");
        }
    }

    private static LocalDate date(String field, String value) {
        try {
            return PeriodInput.parseDate(value.strip());
        } catch (DateTimeParseException e) {
            throw new Refused(field, "programs.audit.error.date");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String trimmed(String value) {
        return blank(value) ? null : value.strip();
    }

    /** A search field that cannot be read; the message is a message key, rendered by the page. */
    private static final class Refused extends RuntimeException {
        private final String field;

        Refused(String field, String messageKey) {
            super(messageKey, null, false, false);
            this.field = field;
        }
    }
}
