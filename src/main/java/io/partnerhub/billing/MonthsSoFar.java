package io.partnerhub.billing;

import io.partnerhub.settlement.PayableSoFar;
import io.partnerhub.shared.Money;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The payable so far of a set of partners in the months a check looks at, each month settled once
 * for all of them, when first asked: what the threshold check and the advance reserve after one
 * import share. Lives for one check, never kept (the next import changes the months so far).
 */
final class MonthsSoFar {

    private static final Logger log = LoggerFactory.getLogger(MonthsSoFar.class);

    private final PayableSoFar payableSoFar;
    private final List<Long> partnerIds;
    private final Map<YearMonth, Map<Long, Money>> settled = new HashMap<>();

    MonthsSoFar(PayableSoFar payableSoFar, Collection<Long> partnerIds) {
        this.payableSoFar = payableSoFar;
        this.partnerIds = List.copyOf(partnerIds);
    }

    /** Each partner's payable of {@code month} so far, by id; a partner without a contract in it is left out. */
    Map<Long, Money> of(YearMonth month) {
        return settled.computeIfAbsent(month, m -> {
            long started = System.nanoTime();
            Map<Long, Money> payable = payableSoFar.of(partnerIds, m);
            log.debug("{} so far settled for {} partners in {} ms", m, partnerIds.size(), (System.nanoTime() - started) / 1_000_000);
            return payable;
        });
    }
}
