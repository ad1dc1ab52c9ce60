package io.partnerhub.portal;

import io.partnerhub.customer.Link;
import io.partnerhub.shared.Money;
import io.partnerhub.usage.ServiceConsumption.ServiceMonth;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A customer's list cost per service and month as its page shows it: the open months from usage
 * (so far), the closed ones next to the statement's figure. A month the partner held the customer
 * only in part shows no services: the rest of it belongs to another partner or to direct service,
 * and only the statement knows the linked days' share.
 *
 * @param months   oldest first
 * @param services per service name, its amount per month (absent: no consumption)
 */
record CustomerConsumption(List<Column> months, Map<String, Map<YearMonth, String>> services) {

    /**
     * @param whole     the partner held the customer for all of the month (to today for an open one)
     * @param total     the services' sum, null when not {@code whole}
     * @param statement the customer's list cost in the statement, null for an open month
     */
    record Column(YearMonth month, boolean closed, boolean whole, String total, String statement) {
    }

    /**
     * @param links      the customer's links to the partner
     * @param closed     the partner's closed months, each with the customer's list cost in its statement
     *                   (absent from the map when the statement has none)
     * @param closedShown the closed months to show at most (the latest)
     * @param lastClosed the partner's last closed month, null when none
     */
    static CustomerConsumption of(List<Link> links, List<YearMonth> closed, Map<YearMonth, String> statement,
                                  int closedShown, YearMonth lastClosed, LocalDate today, List<ServiceMonth> usage,
                                  String currency) {
        YearMonth firstOpen = lastClosed == null ? YearMonth.from(today) : lastClosed.plusMonths(1);
        TreeSet<YearMonth> shown = new TreeSet<>();
        closed.stream().filter(m -> overlaps(links, m.atDay(1), m.plusMonths(1).atDay(1)))
                .sorted().toList().reversed().stream().limit(closedShown).forEach(shown::add);
        if (!firstOpen.isAfter(YearMonth.from(today)) && overlaps(links, firstOpen.atDay(1), today.plusDays(1))) {
            shown.add(firstOpen);
        }
        usage.stream().map(ServiceMonth::month)
                .filter(m -> m.isAfter(firstOpen) && !m.isAfter(YearMonth.from(today)))
                .filter(m -> overlaps(links, m.atDay(1), end(m, today)))
                .forEach(shown::add);

        Map<String, Map<YearMonth, BigDecimal>> sums = new TreeMap<>();
        for (ServiceMonth s : usage) {
            if (shown.contains(s.month())) {
                sums.computeIfAbsent(s.service(), k -> new TreeMap<>()).merge(s.month(), s.listCost(), BigDecimal::add);
            }
        }
        List<Column> columns = new ArrayList<>();
        Map<String, Map<YearMonth, String>> services = new LinkedHashMap<>();
        sums.keySet().forEach(service -> services.put(service, new TreeMap<>()));
        for (YearMonth month : shown) {
            boolean isClosed = !month.isAfter(lastClosed == null ? month.minusMonths(1) : lastClosed);
            boolean whole = covers(links, month.atDay(1), end(month, today));
            BigDecimal total = BigDecimal.ZERO;
            for (Map.Entry<String, Map<YearMonth, BigDecimal>> service : sums.entrySet()) {
                BigDecimal amount = service.getValue().get(month);
                if (amount != null && whole) {
                    services.get(service.getKey()).put(month, money(amount, currency));
                    total = total.add(amount);
                }
            }
            columns.add(new Column(month, isClosed, whole, whole ? money(total, currency) : null,
                    isClosed ? statement.getOrDefault(month, money(BigDecimal.ZERO, currency)) : null));
        }
        services.values().removeIf(Map::isEmpty);
        return new CustomerConsumption(columns, services);
    }

    private static String money(BigDecimal amount, String currency) {
        return new Money(amount, currency).rounded().toDecimalString();
    }

    /** The first day after the month's part that has passed: the month's end, or tomorrow for the current one. */
    private static LocalDate end(YearMonth month, LocalDate today) {
        LocalDate next = month.plusMonths(1).atDay(1);
        return next.isAfter(today) ? today.plusDays(1) : next;
    }

    private static boolean overlaps(List<Link> links, LocalDate from, LocalDate until) {
        return links.stream().anyMatch(l -> l.from().isBefore(until) && (l.to() == null || l.to().isAfter(from)));
    }

    /** Whether links hold every day of [from, until), one after another without a gap. */
    private static boolean covers(List<Link> links, LocalDate from, LocalDate until) {
        LocalDate day = from;
        boolean moved = true;
        while (day.isBefore(until) && moved) {
            moved = false;
            for (Link link : links) {
                if (link.covers(day)) {
                    day = link.to() == null ? until : link.to();
                    moved = true;
                }
            }
        }
        return !day.isBefore(until);
    }
}
