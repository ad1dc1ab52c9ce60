package io.partnerhub.settlement;

import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.shared.Money;
import org.springframework.stereotype.Service;

import java.time.YearMonth;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a partner would pay for a month not closed yet if it ended now: the {@code payable} of the
 * month so far, settled by the close's own rules on the usage imported (partner billing's threshold
 * and advance-payment reserve read it). Never stored.
 */
@Service
public class PayableSoFar {

    private final MonthSoFar monthSoFar;
    private final ProgramCatalog programs;

    PayableSoFar(MonthSoFar monthSoFar, ProgramCatalog programs) {
        this.monthSoFar = monthSoFar;
        this.programs = programs;
    }

    /** The currency a program's partners pay in; empty for a program the platform does not run. */
    public Optional<String> currencyOf(String programId) {
        return programs.find(programId).map(Program::currency);
    }

    /** Empty when the partner has no contract in {@code month}. */
    public Optional<Money> of(long partnerId, YearMonth month) {
        return Optional.ofNullable(of(List.of(partnerId), month).get(partnerId));
    }

    /** Each partner's payable of {@code month} so far, by partner id; a partner without a contract in it is left out. */
    public Map<Long, Money> of(Collection<Long> partnerIds, YearMonth month) {
        Map<Long, Money> payable = new HashMap<>();
        monthSoFar.settle(partnerIds, month, statement -> payable.put(statement.partnerId(), statement.totals().payable()));
        return payable;
    }
}
