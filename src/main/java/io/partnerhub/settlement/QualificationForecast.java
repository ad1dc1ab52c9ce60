package io.partnerhub.settlement;

import io.partnerhub.partner.Credentials;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.program.TierRule;
import io.partnerhub.program.TierRule.MonthlyRequirementWindow;
import io.partnerhub.program.TierRule.QuarterlyVolume;
import io.partnerhub.settlement.rules.Measures;
import io.partnerhub.settlement.rules.PartnerMonth;
import io.partnerhub.settlement.rules.Qualifications;
import io.partnerhub.shared.Reason;
import io.partnerhub.settlement.rules.Statement;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.ReasonText;
import io.partnerhub.shared.Today;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/**
 * A partner's tier history and what the month being consumed needs to keep or reach a tier:
 * "12 400.00 RUB more list cost in 2026-05 keeps PROFESSIONAL; window opened 2026-02, closes 2026-07".
 * The month so far is read from the usage imported until now; the close decides.
 */
@org.springframework.stereotype.Service
public class QualificationForecast {

    private final JdbcClient jdbc;
    private final Partners partners;
    private final Credentials credentials;
    private final ProgramCatalog programs;
    private final Today today;
    private final ObjectMapper json;
    private final MonthSoFar monthSoFar;

    QualificationForecast(JdbcClient jdbc, Partners partners, Credentials credentials, ProgramCatalog programs,
                          Today today, ObjectMapper json, MonthSoFar monthSoFar) {
        this.monthSoFar = monthSoFar;
        this.json = json;
        this.jdbc = jdbc;
        this.partners = partners;
        this.credentials = credentials;
        this.programs = programs;
        this.today = today;
    }

    /**
     * A change of model or tier: {@code reason} in the reader's language from {@code reasonCode} and
     * {@code reasonArgs}; a change recorded before reasons were stored (or by the demo seed) has neither
     * and shows its stored words.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ForecastStanding")
    public record Standing(LocalDate effectiveFrom, String model, String tier, String reasonCode,
                           List<Object> reasonArgs, String reason) {
    }

    /**
     * @param period        the month the forecast is about: the first one not closed
     * @param windowOpened  the open qualification window's first month, if one is open
     * @param windowCloses  its last month
     * @param listCostSoFar the customers' list cost imported for {@code period} so far
     * @param eligibleSoFar the same after the program's exclusions
     * @param forecast      what it takes, in the reader's language (English unless asked otherwise)
     * @param forecastCode  the same as a reason code ({@code forecast.*}) with {@code forecastArgs}
     * @param forecastWords the same as a {@link Reason}, for a reader of another language
     * @param monthSoFar    {@code period} settled on the usage imported so far (null without a contract in it)
     */
    public record Qualification(long partnerId, String model, String tier, String period, String windowOpened,
                                String windowCloses, String listCostSoFar, String eligibleSoFar, String forecast,
                                String forecastCode, List<Object> forecastArgs, @JsonIgnore Reason forecastWords, @JsonIgnore Statements.Summary monthSoFar,
                                List<Standing> history) {
    }

    /** The forecast and the history in {@code language} (Russian or English, see {@link ReasonText}). */
    public Qualification forecast(Caller caller, long partnerId, Locale language) {
        Partner partner = partners.find(caller, partnerId);
        Program program = programs.find(partner.programId()).orElseThrow();
        YearMonth month = firstOpenMonth(partner);
        ProgramVersion terms = program.versionFor(month).orElseThrow();
        Optional<Statement> settled = monthSoFar.settle(partnerId, month);
        Money[] soFar = soFar(settled, program.currency());
        List<TierRule> tiers = terms.tiers().stream().filter(t -> t.models().contains(partner.model())).toList();
        Optional<PartnerMonth.PriorStatement> last = lastStatement(partnerId, month.minusMonths(1));
        String tier = partner.tier();
        YearMonth window = null;
        YearMonth closes = null;
        Reason forecast = Reason.of("forecast.noTiers", partner.model().name(), program.name());
        for (TierRule rule : tiers) {
            if (rule.qualification() instanceof MonthlyRequirementWindow w) {
                window = rule.id().equals(tier) ? Qualifications.openWindow(last, partner.contractDate()) : null;
                closes = window == null ? null : Qualifications.windowCloses(window, w);
                forecast = monthly(partnerId, rule, w, tier, month, window, soFar[0]);
            } else if (rule.qualification() instanceof QuarterlyVolume) {
                forecast = quarterly(partnerId, tiers, tier, month, soFar[1]);
            }
        }
        return new Qualification(partnerId, partner.model().name(), tier, month.toString(),
                window == null ? null : window.toString(),
                closes == null ? null : closes.toString(),
                soFar[0].toDecimalString(), soFar[1].toDecimalString(), ReasonText.in(forecast, language, program.currency()),
                forecast.code(), forecast.jsonArgs(), forecast, settled.map(MonthSoFar::summary).orElse(null),
                history(partnerId, language, program.currency()));
    }

    private Reason monthly(long partnerId, TierRule upper, MonthlyRequirementWindow rule, String tier, YearMonth month,
                           YearMonth window, Money listCost) {
        LocalDate examPassed = credentials.examsPassed(partnerId).get(partnerId);
        Qualifications.MonthlyRequirement requirement = Qualifications.monthly(rule, month, listCost, examPassed);
        if (requirement.examPassed()) {
            return Reason.of("forecast.examPassed", examPassed, upper.id());
        }
        boolean met = requirement.met();
        Money shown = met ? listCost : requirement.shortfall();
        Object[] common = {month, shown, listCost.currency(), upper.id()};
        if (!upper.id().equals(tier)) {
            return Reason.of(met ? "forecast.upgrade.met" : "forecast.upgrade.needed",
                    append(common, month.plusMonths(1).atDay(1)));
        }
        if (window == null) {
            return Reason.of(met ? "forecast.keep.met" : "forecast.keep.needed", common);
        }
        YearMonth closes = Qualifications.windowCloses(window, rule);
        Reason lastMonth = closes.equals(month) ? Reason.of("forecast.window.last", month.plusMonths(1).atDay(1))
                : Reason.of("forecast.window.notLast");
        return Reason.of(met ? "forecast.window.met" : "forecast.window.needed",
                append(common, window, closes, lastMonth));
    }

    private static Object[] append(Object[] first, Object... more) {
        Object[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private Reason quarterly(long partnerId, List<TierRule> tiers, String tier, YearMonth month, Money eligibleSoFar) {
        YearMonth quarterEnd = YearMonth.of(month.getYear(), ((month.getMonthValue() - 1) / 3 + 1) * 3);
        Map<YearMonth, BigDecimal> closed = new HashMap<>();
        jdbc.sql("""
                        select period, coalesce((measures ->> 'customersEligible')::numeric, 0) as eligible from statement
                         where partner_id = :p and period >= :from and period < :month""")
                .param("p", partnerId).param("from", quarterEnd.minusMonths(2).atDay(1)).param("month", month.atDay(1))
                .query(rs -> {
                    closed.put(YearMonth.from(rs.getObject("period", LocalDate.class)), rs.getBigDecimal("eligible"));
                });
        Money quarter = Qualifications.quarterToDate(month, eligibleSoFar,
                m -> new Money(closed.getOrDefault(m, BigDecimal.ZERO), eligibleSoFar.currency()));
        int certified = credentials.statusCertifiedEmployees(quarterEnd.atEndOfMonth(), partnerId).getOrDefault(partnerId, 0);
        List<Reason> parts = new ArrayList<>();
        for (TierRule rule : tiers) {
            if (rule.qualification() instanceof QuarterlyVolume v) {
                Money needed = Qualifications.volumeShortfall(v, quarter);
                parts.add(!needed.isPositive()
                        ? Reason.of("forecast.quarter.volumeMet", rule.id(), certified, v.certifiedEmployees())
                        : Reason.of("forecast.quarter.volumeNeeded", rule.id(), certified, v.certifiedEmployees(),
                        needed, quarter.currency(), quarterEnd.atEndOfMonth()));
            }
        }
        return Reason.of("forecast.quarter", quarterEnd, quarter, quarter.currency(), tier,
                Reason.list("semicolon", parts));
    }

    /**
     * The customers' list cost and eligible consumption of the month so far, as the close will
     * count them for the tiers: the figures of the month settled on the usage imported until now.
     */
    private static Money[] soFar(Optional<Statement> settled, String currency) {
        Map<String, BigDecimal> measures = settled.map(Statement::measures).orElse(Map.of());
        return new Money[]{
                new Money(measures.getOrDefault(Measures.CUSTOMERS_LIST_COST, BigDecimal.ZERO), currency).rounded(),
                new Money(measures.getOrDefault(Measures.CUSTOMERS_ELIGIBLE, BigDecimal.ZERO), currency).rounded()};
    }

    private YearMonth firstOpenMonth(Partner partner) {
        LocalDate lastClosed = jdbc.sql("select max(period) from shared_closed_month_view")
                .query(LocalDate.class).optional().orElse(null);
        YearMonth month = lastClosed == null ? YearMonth.from(today.date()) : YearMonth.from(lastClosed).plusMonths(1);
        YearMonth contract = YearMonth.from(partner.contractDate());
        return month.isBefore(contract) ? contract : month;
    }

    private Optional<PartnerMonth.PriorStatement> lastStatement(long partnerId, YearMonth month) {
        return jdbc.sql("select model, tier, qualification_window from statement where partner_id = :p and period = :period")
                .param("p", partnerId).param("period", month.atDay(1))
                .query((rs, i) -> {
                    LocalDate window = rs.getObject("qualification_window", LocalDate.class);
                    return new PartnerMonth.PriorStatement(month, io.partnerhub.program.PartnerModel.valueOf(rs.getString("model")),
                            rs.getString("tier"), window == null ? null : YearMonth.from(window), java.util.Map.of());
                }).optional();
    }

    private List<Standing> history(long partnerId, Locale language, String currency) {
        return jdbc.sql("""
                        select effective_from, model, tier, reason, reason_code, reason_args from partner_standing_view
                         where partner_id = :p order by effective_from""")
                .param("p", partnerId)
                .query((rs, i) -> {
                    String code = rs.getString("reason_code");
                    List<Object> args = code == null ? null : json.readValue(rs.getString("reason_args"), ARGS);
                    return new Standing(rs.getObject("effective_from", LocalDate.class), rs.getString("model"),
                            rs.getString("tier"), code, args,
                            code == null ? rs.getString("reason") : ReasonText.in(Reason.fromJson(code, args), language, currency));
                })
                .list();
    }

    private static final TypeReference<List<Object>> ARGS = new TypeReference<>() {
    };
}
