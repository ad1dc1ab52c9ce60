package io.partnerhub.whitelabel;

import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.program.Service;
import io.partnerhub.program.Settlement;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.Refusals;
import io.partnerhub.shared.Today;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A partner's price lists (VK Cloud White Label: "manage the client's tariffs and the prices the
 * client sees"; every model in which the partner contracts with its customers): markups over the
 * provider's list price, by default and per service, from the first day of a month. A guardrail
 * refuses any price below the partner's own cost, list less its base discount in force.
 */
@Component
public class PriceLists {

    private final JdbcClient jdbc;
    private final Partners partners;
    private final ProgramCatalog programs;
    private final ClosedPeriods closedPeriods;
    private final Refusals refusals;
    private final Today today;

    PriceLists(JdbcClient jdbc, Partners partners, ProgramCatalog programs, ClosedPeriods closedPeriods,
               Refusals refusals, Today today) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.programs = programs;
        this.closedPeriods = closedPeriods;
        this.refusals = refusals;
        this.today = today;
    }

    public record ServiceMarkup(String service, BigDecimal markupPercent) {
    }

    /** A version of the price list, from {@code effectiveFrom} until the next one. */
    public record PriceList(long id, long partnerId, LocalDate effectiveFrom, BigDecimal defaultMarkupPercent,
                            List<ServiceMarkup> services) {

        /** The markup of a service as usage names it, matched case-insensitively; the default otherwise. */
        public BigDecimal markupOf(String service) {
            String key = service.strip().toLowerCase(Locale.ROOT);
            return services.stream().filter(s -> s.service().toLowerCase(Locale.ROOT).equals(key))
                    .map(ServiceMarkup::markupPercent).findFirst().orElse(defaultMarkupPercent);
        }
    }

    /**
     * Sets the price list from {@code effectiveFrom} (a month's first day, in an open month; the same
     * day again replaces that version while no invoice used it).
     */
    @Transactional
    public PriceList set(Caller caller, long partnerId, LocalDate effectiveFrom, BigDecimal defaultMarkup,
                         List<ServiceMarkup> services) {
        Partner partner = partners.find(caller, partnerId);
        partner.refuseNewClaimsIfGone("price lists");
        if (effectiveFrom.getDayOfMonth() != 1) {
            throw refusals.violation("effectiveFrom", "priceList.firstDay", effectiveFrom);
        }
        closedPeriods.refuseDayIn("effectiveFrom", effectiveFrom);
        Set<String> named = new HashSet<>();
        for (ServiceMarkup s : services) {
            if (!named.add(s.service().strip().toLowerCase(Locale.ROOT))) {
                throw refusals.violation("services", "priceList.serviceTwice", s.service().strip());
            }
        }
        ProgramVersion terms = checkDraft(partner, effectiveFrom, defaultMarkup, services);
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('price_list:' || :partner, 0))").param("partner", partnerId)
                .query().listOfRows();
        Optional<Long> existing = jdbc.sql("select id from price_list where partner_id = :partner and effective_from = :from")
                .param("partner", partnerId).param("from", effectiveFrom).query(Long.class).optional();
        existing.ifPresent(id -> {
            jdbc.sql("delete from price_list_service where price_list_id = :id").param("id", id).update();
            jdbc.sql("delete from price_list where id = :id").param("id", id).update();
        });
        long id = jdbc.sql("""
                        insert into price_list (partner_id, effective_from, default_markup, created_by)
                        values (:partner, :from, :markup, :by) returning id""")
                .param("partner", partnerId).param("from", effectiveFrom).param("markup", defaultMarkup)
                .param("by", caller.name()).query(Long.class).single();
        for (ServiceMarkup s : services) {
            String name = terms.service(s.service()).map(Service::name).orElse(s.service().strip());
            jdbc.sql("insert into price_list_service (price_list_id, service, markup) values (:id, :service, :markup)")
                    .param("id", id).param("service", name).param("markup", s.markupPercent()).update();
        }
        return find(id);
    }

    /** Checks a draft price list as {@link #set} would, without storing it: the terms it would be judged by. */
    ProgramVersion checkDraft(Partner partner, LocalDate effectiveFrom, BigDecimal defaultMarkup, List<ServiceMarkup> services) {
        ProgramVersion terms = contractsWithCustomers(partner, effectiveFrom);
        for (ServiceMarkup s : services) {
            refuseBelowCost(terms, partner, terms.service(s.service()).map(Service::name).orElse(s.service().strip()),
                    s.markupPercent(), "services");
        }
        for (Service service : terms.services()) {
            boolean listed = services.stream().anyMatch(s -> s.service().strip().equalsIgnoreCase(service.name()));
            if (!listed) {
                refuseBelowCost(terms, partner, service.name(), defaultMarkup, "defaultMarkupPercent");
            }
        }
        refuseBelowCost(terms, partner, "", defaultMarkup, "defaultMarkupPercent");
        return terms;
    }

    /** Refused unless the partner's model buys from the provider and sells to its customers (DISCOUNT settlement). */
    private ProgramVersion contractsWithCustomers(Partner partner, LocalDate day) {
        Program program = programs.find(partner.programId()).orElseThrow();
        ProgramVersion terms = program.versionOn(day).orElseThrow(() ->
                refusals.violation("effectiveFrom", "priceList.noTerms", program.name(), day));
        boolean sells = terms.model(partner.model()).map(m -> m.settlement() == Settlement.DISCOUNT).orElse(false);
        if (!sells) {
            throw refusals.violation("partnerId", "priceList.notSelling", partner.model(), program.name());
        }
        return terms;
    }

    /** A price below the partner's own cost is refused, naming the service and the cost. */
    private void refuseBelowCost(ProgramVersion terms, Partner partner, String service, BigDecimal markup, String field) {
        BigDecimal discount = PartnerCost.baseDiscount(terms, partner, service);
        if (markup.compareTo(discount.negate()) < 0) {
            throw refusals.violation(field, service.isEmpty() ? "priceList.belowCostDefault" : "priceList.belowCost",
                    service, plain(markup), plain(discount), plain(discount.negate()));
        }
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** The version in force on the period's first day, if any. */
    public Optional<PriceList> inForce(long partnerId, YearMonth period) {
        return jdbc.sql("""
                        select id from price_list where partner_id = :partner and effective_from <= :day
                         order by effective_from desc limit 1""")
                .param("partner", partnerId).param("day", period.atDay(1)).query(Long.class).optional().map(this::find);
    }

    /** Every version, latest first. */
    public List<PriceList> versions(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return jdbc.sql("select id from price_list where partner_id = :partner order by effective_from desc")
                .param("partner", partnerId).query(Long.class).list().stream().map(this::find).toList();
    }

    /** The version in force today. */
    public PriceList current(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return inForce(partnerId, YearMonth.from(today.date())).orElseThrow(() -> new NotFound("price list of partner", partnerId));
    }

    PriceList find(long id) {
        List<ServiceMarkup> services = new ArrayList<>(jdbc.sql("""
                        select service, markup from price_list_service where price_list_id = :id order by service""")
                .param("id", id).query((rs, i) -> new ServiceMarkup(rs.getString("service"), rs.getBigDecimal("markup")))
                .list());
        return jdbc.sql("select * from price_list where id = :id").param("id", id)
                .query((rs, i) -> new PriceList(rs.getLong("id"), rs.getLong("partner_id"),
                        rs.getObject("effective_from", LocalDate.class), rs.getBigDecimal("default_markup"), services))
                .single();
    }
}
