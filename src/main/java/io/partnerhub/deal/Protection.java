package io.partnerhub.deal;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.partnerhub.shared.Phrase;

/**
 * When an approved deal's protection ends, from the program's protection days (docs/deals.md,
 * "Expiry"). The partner has until {@code protectionDays} after the approval (or the registration,
 * if later) to have the customer linked to it and consuming on a linked day; from then on the deal
 * is protected while a customer with the tax id stays linked to the partner. When the link ends,
 * protection ends {@code protectionDays} after that (counted from the approval if it came later),
 * unless the customer is linked to the partner again before. Pure: the facts come in.
 */
final class Protection {

    private Protection() {
    }

    /** A link of a customer with the deal's tax id to the deal's partner; {@code to} exclusive, null while open. */
    record Linked(LocalDate from, LocalDate to, ConsumptionDays consumption) {
    }

    /** The first day without protection, the rule that ended it, and the reason ({@code words}; in English, {@code reason}). */
    record Ending(LocalDate on, DealRule rule, Phrase words) {

        String reason() {
            return DealWords.english(words);
        }
    }

    /**
     * The first day without protection unless the customer is linked and consuming before it:
     * {@code protectionDays} from the approval, or from the registration if that is later.
     */
    static LocalDate windowEnd(LocalDate registeredOn, LocalDate approvedOn, int protectionDays) {
        return later(registeredOn, approvedOn).plusDays(protectionDays);
    }

    /** The day protection ends, if it ends on what is known: empty while it holds. */
    static Optional<Ending> ending(String taxId, LocalDate registeredOn, LocalDate approvedOn, int protectionDays,
                                   List<Linked> links) {
        LocalDate windowEnd = windowEnd(registeredOn, approvedOn, protectionDays);
        Optional<LocalDate> converted = links.stream()
                .flatMap(l -> l.consumption().firstIn(later(l.from(), registeredOn), earlier(l.to(), windowEnd)).stream())
                .min(Comparator.naturalOrder());
        if (converted.isEmpty()) {
            return Optional.of(new Ending(windowEnd, DealRule.NOT_LINKED_AND_CONSUMING, DealWords.of(
                    "deals.reason.NOT_LINKED_AND_CONSUMING", taxId, protectionDays, approvedOn)));
        }
        LocalDate day = converted.get();
        LocalDate linkedUntil = links.stream()
                .filter(l -> !l.from().isAfter(day) && (l.to() == null || l.to().isAfter(day)))
                .map(Linked::to).reduce(day, Protection::laterOrOpen);
        while (linkedUntil != null) {
            LocalDate graceEnd = later(linkedUntil, approvedOn).plusDays(protectionDays);
            LocalDate until = linkedUntil;
            Optional<Linked> renewed = links.stream()
                    .filter(l -> l.from().isBefore(graceEnd) && (l.to() == null || l.to().isAfter(until)))
                    .findFirst();
            if (renewed.isEmpty()) {
                return Optional.of(new Ending(graceEnd, DealRule.LINK_ENDED, DealWords.of("deals.reason.LINK_ENDED",
                        until, protectionDays)));
            }
            linkedUntil = laterOrOpen(linkedUntil, renewed.get().to());
        }
        return Optional.empty();
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    /** The later of two link ends, null (open) being the latest. */
    private static LocalDate laterOrOpen(LocalDate a, LocalDate b) {
        return a == null || b == null ? null : later(a, b);
    }
}
