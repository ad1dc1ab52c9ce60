package io.partnerhub.settlement;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Reason;
import io.partnerhub.settlement.rules.Totals;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Formats;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.PeriodInput;
import io.partnerhub.shared.ReasonText;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Locale;

/** Reading issued statements: as the API shows them, partner-scoped like everything else. */
@Service
public class Statements {

    private final JdbcClient jdbc;
    private final Partners partners;
    private final Today today;
    private final PeriodInput periods;

    private final ObjectMapper json;

    Statements(JdbcClient jdbc, Partners partners, Today today, PeriodInput periods, ObjectMapper json) {
        this.json = json;
        this.today = today;
        this.periods = periods;
        this.jdbc = jdbc;
        this.partners = partners;
    }

    /** Totals per API.md, each a sum of the statement's lines. */
    public record TotalsView(String listCost, String eligibleCost, String discount, String reward, String rebate,
                             String bonus, String payable, String balancePayout) {
    }

    /**
     * A line as a reader sees it: {@code explanation} in the reader's language, from {@code reasonCode}
     * and {@code reasonArgs}; a line issued before reasons were stored has neither and keeps its stored
     * English explanation in every language.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineView(int lineNo, String kind, Long customerId, String base, String rate, String amount,
                           String corrects, String reasonCode, List<Object> reasonArgs, String explanation) {

        /** A line with its explanation only, as lines issued before reasons were stored read. */
        public LineView(int lineNo, String kind, Long customerId, String base, String rate, String amount,
                        String corrects, String explanation) {
            this(lineNo, kind, customerId, base, rate, amount, corrects, null, null, explanation);
        }
    }

    public record StatementView(long partnerId, String period, String programId, LocalDate programVersion,
                                String model, String tier, String currency, TotalsView totals, List<LineView> lines) {
    }

    /** A statement without its lines, for lists. */
    public record Summary(String period, String model, String tier, String currency, TotalsView totals) {
    }

    /** A month known to the platform: OPEN or CLOSED, when it closed, how many statements it has. */
    public record PeriodView(String period, String status, Instant closedAt, int statements) {
    }

    /** Each customer's list cost in the partner's statement for {@code period} (none when it is not closed). */
    public Map<Long, String> listCostByCustomer(Caller caller, long partnerId, YearMonth period) {
        partners.find(caller, partnerId);
        Map<Long, String> byCustomer = new HashMap<>();
        jdbc.sql("""
                        select customer_id, sum(amount) as list_cost from statement_line
                         where partner_id = :partner and period = :period and kind = 'LIST_COST'
                           and customer_id is not null and corrects is null
                         group by customer_id""")
                .param("partner", partnerId).param("period", period.atDay(1))
                .query(rs -> {
                    byCustomer.put(rs.getLong("customer_id"), rs.getBigDecimal("list_cost").toPlainString());
                });
        return byCustomer;
    }

    /** The statement's lines as CSV, one record per line, with a header: numbers with a point, commas apart. */
    public String csv(StatementView s) {
        return csv(s, Formats.of(java.util.Locale.ENGLISH));
    }

    /**
     * The same in a language's spreadsheet convention ({@link Formats#csvNumber}): in Russian a UTF-8
     * byte order mark, ';' between fields and decimal commas, so that a Russian spreadsheet opens it
     * as columns of numbers; the header's field names stay the same in every language.
     */
    public String csv(StatementView s, Formats formats) {
        java.io.StringWriter out = new java.io.StringWriter();
        if (formats.russian()) {
            out.write('\uFEFF');
        }
        try (de.siegmar.fastcsv.writer.CsvWriter csv = de.siegmar.fastcsv.writer.CsvWriter.builder()
                .fieldSeparator(formats.csvSeparator()).build(out)) {
            csv.writeRecord("partnerId", "period", "lineNo", "kind", "customerId", "base", "rate", "amount", "currency",
                    "corrects", "explanation");
            for (LineView line : s.lines()) {
                csv.writeRecord(String.valueOf(s.partnerId()), s.period(), String.valueOf(line.lineNo()), line.kind(),
                        line.customerId() == null ? "" : line.customerId().toString(), formats.csvNumber(line.base()),
                        formats.csvNumber(line.rate()), formats.csvNumber(line.amount()), s.currency(),
                        nullToEmpty(line.corrects()),
                        line.explanation());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /**
     * Every month from the first contract or usage month to last month (the months a close would
     * take), and any other month with a status, oldest first (operators).
     */
    public List<PeriodView> periods(Caller caller) {
        caller.requireOperator("list periods");
        return jdbc.sql("""
                        with bounds as (
                            select least((select min(date_trunc('month', contract_date))::date from partner_contract_view),
                                         (select min(to_date(split_part(periods, ',', 1), 'YYYY-MM')) from usage_import_view
                                           where periods is not null and periods <> '')) as first,
                                   (date_trunc('month', cast(:today as date)) - interval '1 month')::date as last),
                        months as (
                            select m::date as period
                              from bounds, generate_series(bounds.first, bounds.last, interval '1 month') m
                             where bounds.first <= bounds.last
                            union
                            select period from shared_closed_month_view)
                        select to_char(m.period, 'YYYY-MM') as period,
                               case when a.period is null then 'OPEN' else 'CLOSED' end as status,
                               a.closed_at, (select count(*) from statement s where s.period = m.period) as statements
                          from months m left join shared_closed_month_view a on a.period = m.period
                         order by m.period""")
                .param("today", today.date())
                .query((rs, i) -> new PeriodView(rs.getString("period"), rs.getString("status"),
                        rs.getTimestamp("closed_at") == null ? null : rs.getTimestamp("closed_at").toInstant(),
                        rs.getInt("statements")))
                .list();
    }

    /** The statement with its lines explained in {@code language} (Russian or English, see {@link ReasonText}). */
    public StatementView find(Caller caller, long partnerId, String period, Locale language) {
        return find(caller, partnerId, periods.period("period", period), language);
    }

    public StatementView find(Caller caller, long partnerId, YearMonth month, Locale language) {
        partners.find(caller, partnerId);
        StatementView header = jdbc.sql("select * from statement where partner_id = :partner and period = :period")
                .param("partner", partnerId).param("period", month.atDay(1))
                .query((rs, i) -> new StatementView(partnerId, month.toString(), rs.getString("program_id"),
                        rs.getObject("program_version", LocalDate.class), rs.getString("model"), rs.getString("tier"),
                        rs.getString("currency"), totals(rs), List.of()))
                .optional().orElseThrow(() -> new NotFound("statement of partner " + partnerId + " for", month
                        + " (statements exist for closed periods from the contract date on)"));
        List<LineView> lines = jdbc.sql("""
                        select * from statement_line where partner_id = :partner and period = :period order by line_no""")
                .param("partner", partnerId).param("period", month.atDay(1))
                .query((rs, row) -> line(rs, language, header.currency())).list();
        return new StatementView(header.partnerId(), header.period(), header.programId(), header.programVersion(),
                header.model(), header.tier(), header.currency(), header.totals(), lines);
    }

    /** A partner's statement of a closed month, for the operator's list of the month's statements. */
    public record PartnerStatement(long partnerId, String partnerName, String programId, String model, String tier,
                                   String currency, TotalsView totals) {
    }

    /** The month's statements by partner name, {@code limit} from {@code offset} (operators). */
    public List<PartnerStatement> ofPeriod(Caller caller, YearMonth period, String nameLike, int limit, int offset) {
        caller.requireOperator("list a month's statements");
        return jdbc.sql("""
                        select s.*, p.name as partner_name from statement s join partner_name_view p on p.partner_id = s.partner_id
                         where s.period = :period
                           and (cast(:name as text) is null or p.name ilike '%' || cast(:name as text) || '%')
                         order by p.name, s.partner_id limit :limit offset :offset""")
                .param("period", period.atDay(1)).param("name", nameLike).param("limit", limit).param("offset", offset)
                .query((rs, i) -> new PartnerStatement(rs.getLong("partner_id"), rs.getString("partner_name"),
                        rs.getString("program_id"), rs.getString("model"), rs.getString("tier"), rs.getString("currency"),
                        totals(rs)))
                .list();
    }

    public List<Summary> list(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return jdbc.sql("select * from statement where partner_id = :partner order by period")
                .param("partner", partnerId)
                .query((rs, i) -> new Summary(YearMonth.from(rs.getDate("period").toLocalDate()).toString(),
                        rs.getString("model"), rs.getString("tier"), rs.getString("currency"), totals(rs)))
                .list();
    }

    /**
     * A digest of every issued statement and line in a fixed order: equal digests, equal statements.
     * Ledger entries (amounts and references) and partner standings are included: the close writes both.
     */
    public String digest() {
        return jdbc.sql("""
                select md5(coalesce((select string_agg(concat_ws('|', partner_id, period, program_id, program_version, model,
                                                                 tier, list_cost, eligible_cost, discount, reward, rebate,
                                                                 bonus, payable, measures::text, qualification_window,
                                                                 balance_payout),
                                                       E'\n' order by partner_id, period) from statement), '')
                        || coalesce((select string_agg(concat_ws('|', partner_id, period, line_no, kind, customer_id, base,
                                                                 rate, amount, corrects, explanation, reason_code,
                                                                 reason_args::text),
                                                       E'\n' order by partner_id, period, line_no) from statement_line), '')
                        || coalesce((select string_agg(concat_ws('|', partner_id, kind, amount, period, destination, reference),
                                                       E'\n' order by partner_id, kind, period, reference, amount)
                                       from ledger_entry_view), '')
                        || coalesce((select string_agg(concat_ws('|', partner_id, effective_from, model, tier, reason),
                                                       E'\n' order by partner_id, effective_from) from partner_standing_view), ''))""")
                .query(String.class).single();
    }

    private static TotalsView totals(ResultSet rs) throws SQLException {
        return new TotalsView(text(rs.getBigDecimal("list_cost")), text(rs.getBigDecimal("eligible_cost")),
                text(rs.getBigDecimal("discount")), text(rs.getBigDecimal("reward")), text(rs.getBigDecimal("rebate")),
                text(rs.getBigDecimal("bonus")), text(rs.getBigDecimal("payable")),
                text(rs.getBigDecimal("balance_payout")));
    }

    private LineView line(ResultSet rs, Locale language, String currency) throws SQLException {
        BigDecimal rate = rs.getBigDecimal("rate");
        java.sql.Date corrects = rs.getDate("corrects");
        String code = rs.getString("reason_code");
        List<Object> args = code == null ? null : json.readValue(rs.getString("reason_args"), ARGS);
        return new LineView(rs.getInt("line_no"), rs.getString("kind"), (Long) rs.getObject("customer_id"),
                text(rs.getBigDecimal("base")), rate == null ? null : rate.stripTrailingZeros().toPlainString(),
                text(rs.getBigDecimal("amount")),
                corrects == null ? null : YearMonth.from(corrects.toLocalDate()).toString(), code, args,
                code == null ? rs.getString("explanation") : ReasonText.in(Reason.fromJson(code, args), language, currency));
    }

    private static final TypeReference<List<Object>> ARGS = new TypeReference<>() {
    };

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
