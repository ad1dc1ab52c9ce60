package io.partnerhub.settlement;

import io.partnerhub.Partnerhub;
import io.partnerhub.shared.PeriodInput;
import io.partnerhub.shared.ProblemException;
import io.partnerhub.shared.Shown;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.time.YearMonth;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code partnerhub close YYYY-MM}: the same close as the API, against the configured database.
 * Prints the months it closed and a digest of every statement. Exit code 0 closed, 2 refused.
 */
@Command(name = "close", mixinStandardHelpOptions = true,
        description = "Close a period (and every open period before it) and issue its statements.")
public final class CloseCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PERIOD", description = "the period to close, YYYY-MM")
    String period;

    /** Settings for the platform the command starts; tests point it at a database of their own. */
    Map<String, Object> platformSettings = Map.of();

    @Override
    public Integer call() {
        YearMonth month = PeriodInput.strictPeriod(period);
        if (month == null) {
            System.out.println("refused: " + Shown.quoted(period) + " is not a period; use YYYY-MM");
            return 2;
        }
        try (ConfigurableApplicationContext platform = Partnerhub.withoutWeb(platformSettings)) {
            long started = System.nanoTime();
            PeriodClose.Result result = platform.getBean(PeriodClose.class).close("cli", month);
            System.out.printf("closed %s in %.1f s: %d statements for %s; months closed now: %s%n",
                    result.period(), (System.nanoTime() - started) / 1e9, result.partners(), result.period(),
                    result.closedNow().isEmpty() ? "none (already closed)" : result.closedNow());
            System.out.println("statements digest " + platform.getBean(Statements.class).digest());
            return 0;
        } catch (ProblemException e) {
            System.out.println("refused: " + e.getMessage());
            return 2;
        }
    }
}
