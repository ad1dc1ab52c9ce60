package io.partnerhub.settlement;

import io.partnerhub.partner.Credentials;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.settlement.rules.IncentiveFacts;
import io.partnerhub.settlement.rules.PartnerMonth;
import io.partnerhub.settlement.rules.PartnerMonth.AdjustmentFact;
import io.partnerhub.settlement.rules.PartnerMonth.BonusWithdrawal;
import io.partnerhub.settlement.rules.PartnerMonth.DealFact;
import io.partnerhub.settlement.rules.PartnerMonth.PartnerFacts;
import io.partnerhub.settlement.rules.PartnerMonth.PresaleFact;
import io.partnerhub.settlement.rules.PartnerMonth.PriorStatement;
import io.partnerhub.settlement.rules.PartnerMonth.ProjectFact;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Gathers the facts of every partner for a period, set-wise: one query per kind of fact, each kind
 * read by its own class (the partners, their customers, deals, earlier statements, the ledger, the
 * usage), and one scan of the period's usage that hands the partners over in id order, so they are
 * settled one after another in little memory. Runs inside the close's transaction.
 */
@Component
class MonthFacts {

    private static final int FETCH_SIZE = 20_000;

    private final NamedParameterJdbcTemplate named;
    private final ProgramCatalog programs;
    private final PartnersInMonth partners;
    private final CustomersInMonth customers;
    private final DealsInMonth deals;
    private final StatementHistory history;
    private final LedgerInMonth ledger;
    private final UsageInMonth usage;
    private final IncentivesInMonth incentives;

    MonthFacts(DataSource dataSource, ProgramCatalog programs, Credentials credentials, ObjectMapper json) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(FETCH_SIZE);
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.programs = programs;
        this.partners = new PartnersInMonth(named, credentials);
        this.customers = new CustomersInMonth(named);
        this.deals = new DealsInMonth(named);
        this.history = new StatementHistory(named, json);
        this.ledger = new LedgerInMonth(named);
        this.usage = new UsageInMonth(jdbc, named);
        this.incentives = new IncentivesInMonth(named);
    }

    /** Calls {@code each} with every partner's facts for {@code period}, in partner id order. */
    void forEachPartner(YearMonth period, IntConsumer partnersFound, Consumer<PartnerMonth> each) {
        facts(period, null, partnersFound, each);
    }

    /**
     * Calls {@code each} with the facts for {@code period} as imported so far of each of the partners
     * {@code partnerIds} under contract in it, in id order: the month so far, read from their
     * customers' accounts only, the other facts of the month once for all of them.
     */
    void forPartners(YearMonth period, Collection<Long> partnerIds, Consumer<PartnerMonth> each) {
        if (partnerIds.isEmpty()) {
            return;
        }
        facts(period, partnerIds.toArray(Long[]::new), count -> {
        }, each);
    }

    /** Fresh planner statistics of the period's usage, before its parts read it (a whole month's read takes its own). */
    void refreshUsageStatistics(YearMonth period) {
        usage.analyze(period);
    }

    /** The ids of the partners {@code period} settles, in id order: what a shared close cuts into parts. */
    List<Long> partnerIds(YearMonth period) {
        MapSqlParameterSource p = params(period);
        p.addValue("only", null);
        return partners.underContract(p).stream().map(row -> row.facts().id()).toList();
    }

    /**
     * Calls {@code each} with the facts of the partners {@code first..last} (ids, both included) for
     * {@code period}, in id order, exactly as {@link #forEachPartner} would: a part of a shared
     * close. Reads the usage of every account ever linked to them or their own only.
     */
    void forPartners(YearMonth period, long first, long last, IntConsumer partnersFound, Consumer<PartnerMonth> each) {
        partFacts(period, new Range(first, last), partnersFound, each);
    }

    /** The partners of a part of a shared close, by id, both ends included. */
    private record Range(long first, long last) {
        boolean holds(Row row) {
            return row.facts().id() >= first && row.facts().id() <= last;
        }
    }

    /** A partner about to be settled. */
    record Row(String programId, PartnerFacts facts) {
    }

    /** The period's facts other than usage, every partner's, keyed by partner id. */
    private record Known(Map<Long, List<DealFact>> deals, Map<Long, List<PriorStatement>> history,
                         Set<Long> firstMonthsRewarded, Map<Long, LocalDate> firstConsumedOn,
                         Map<Long, List<BonusWithdrawal>> bonus, Map<Long, Integer> certified,
                         Map<Long, Set<String>> specializations, Map<Long, List<PresaleFact>> presales,
                         Map<Long, LocalDate> exams, Map<Long, List<ProjectFact>> projects,
                         Map<Long, List<AdjustmentFact>> adjustments, Map<Long, BigDecimal> leavingBalances,
                         Map<Long, IncentiveFacts> incentives, Set<Long> billingCustomers) {
    }

    private void facts(YearMonth period, Long[] only, IntConsumer partnersFound, Consumer<PartnerMonth> each) {
        MapSqlParameterSource p = params(period);
        p.addValue("only", only);
        facts(period, p, partners.underContract(p), only == null ? null : customers.accountsOf(p), partnersFound, each);
    }

    private void partFacts(YearMonth period, Range range, IntConsumer partnersFound, Consumer<PartnerMonth> each) {
        MapSqlParameterSource p = params(period);
        p.addValue("only", null).addValue("first", range.first()).addValue("last", range.last());
        facts(period, p, partners.underContract(p).stream().filter(range::holds).toList(), customers.accountsEverOf(p),
                partnersFound, each);
    }

    private void facts(YearMonth period, MapSqlParameterSource p, List<Row> rows, String[] onlyAccounts,
                       IntConsumer partnersFound, Consumer<PartnerMonth> each) {
        partnersFound.accept(rows.size());
        if (rows.isEmpty()) {
            return;
        }
        Known known = new Known(deals.deals(p), history.yearBefore(p), history.firstMonthsRewarded(p),
                customers.firstConsumedOn(p), ledger.bonusWithdrawals(p), partners.certifiedEmployees(period),
                partners.specializations(p), deals.presales(p), partners.examsPassed(),
                ProjectConsumption.of(named, programs, params(period), period, rows), history.adjustments(p),
                ledger.leavingBalances(period), incentives.read(period, p), billingCustomers(p));
        usage.read(period, p, rows, onlyAccounts, (partner, links, sums) -> {
            Program program = programs.find(partner.programId()).orElseThrow(
                    () -> new IllegalStateException("partner " + partner.facts().id() + " is in unknown program "
                            + partner.programId()));
            ProgramVersion terms = program.versionFor(period).orElse(null);
            if (terms == null) {
                return;
            }
            long id = partner.facts().id();
            each.accept(new PartnerMonth(program, terms, period, partner.facts(), links,
                    known.deals().getOrDefault(id, List.of()), known.projects().getOrDefault(id, List.of()), sums,
                    known.history().getOrDefault(id, List.of()), known.bonus().getOrDefault(id, List.of()),
                    known.certified().getOrDefault(id, 0), known.specializations().getOrDefault(id, Set.of()),
                    known.presales().getOrDefault(id, List.of()), known.exams().get(id), known.firstMonthsRewarded(),
                    known.firstConsumedOn(), known.adjustments().getOrDefault(id, List.of()),
                    known.leavingBalances().get(id), known.incentives().getOrDefault(id, IncentiveFacts.NONE),
                    known.billingCustomers().contains(id)));
        });
    }

    /** The partners that invoice their customers through the platform this period: a price list in force on its first day. */
    private Set<Long> billingCustomers(MapSqlParameterSource p) {
        return Set.copyOf(named.queryForList("select distinct partner_id from whitelabel_price_list_view"
                + " where effective_from <= :start", p, Long.class));
    }

    static MapSqlParameterSource params(YearMonth period) {
        LocalDate start = period.atDay(1);
        LocalDate end = period.atEndOfMonth();
        return new MapSqlParameterSource()
                .addValue("start", start)
                .addValue("end", end);
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date date = rs.getDate(column);
        return date == null ? null : date.toLocalDate();
    }
}
