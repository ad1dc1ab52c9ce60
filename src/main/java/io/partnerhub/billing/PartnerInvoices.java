package io.partnerhub.billing;

import io.partnerhub.event.Events;
import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.Today;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provider's invoices to a partner: {@code MONTHLY} at the close for the period's payable less
 * what threshold invoices billed already, {@code THRESHOLD} during the month for a postpaid partner
 * whose month so far reached its billing threshold. Numbered per program without gaps (the counter
 * is taken in the issuing transaction), due after the partner's days to pay, never changed. Their
 * status (OPEN, PAID, OVERDUE) is read from the partner's payments ({@link PartnerAccounts}).
 */
@Component
public class PartnerInvoices {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final Partners partners;
    private final BillingSettings settings;
    private final Events events;
    private final Today today;

    PartnerInvoices(JdbcClient jdbc, JdbcTemplate batches, Partners partners, BillingSettings settings, Events events,
                    Today today) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.partners = partners;
        this.settings = settings;
        this.events = events;
        this.today = today;
    }

    /** An issued invoice; {@code amount} includes VAT ({@code vat}, at {@code vatRate}). */
    public record Invoice(long id, long partnerId, String programId, String number, String kind, String period,
                          String amount, String currency, String vatRate, String vat, String paymentTerms,
                          LocalDate issuedOn, LocalDate dueOn) {

        public Money money() {
            return new Money(new BigDecimal(amount), currency);
        }
    }

    /** What a partner's terms say about the invoices it gets, and its requisites (partner_billing_view). */
    record Payer(long partnerId, String programId, String name, String taxId, String paymentTerms,
                 BigDecimal billingThreshold, Integer dueDays, String kpp, String legalAddress) {

        boolean prepays() {
            return "PREPAYMENT".equals(paymentTerms);
        }

        Buyer buyer() {
            return new Buyer(name, taxId, kpp, legalAddress);
        }
    }

    /** The partner as an invoice names it, the buyer. */
    public record Buyer(String name, String taxId, String kpp, String legalAddress) {
    }

    /**
     * The two parties a document prints: the provider (its configured requisites; empty when none
     * are configured for the program) and the partner. An invoice's as they were when it was issued.
     */
    public record Parties(String programId, Optional<BillingSettings.Provider> seller, Buyer buyer) {
    }

    /** The terms of each of the partners, in id order. */
    List<Payer> payers(Long[] partnerIds) {
        return jdbc.sql("select * from partner_billing_view where partner_id = any(:ids) order by partner_id")
                .param("ids", partnerIds).query((rs, i) -> payer(rs)).list();
    }

    Payer payer(long partnerId) {
        return jdbc.sql("select * from partner_billing_view where partner_id = :id").param("id", partnerId)
                .query((rs, i) -> payer(rs)).optional().orElseThrow(() -> new NotFound("partner", partnerId));
    }

    static Payer payer(ResultSet rs) throws SQLException {
        return new Payer(rs.getLong("partner_id"), rs.getString("program_id"), rs.getString("name"),
                rs.getString("tax_id"), rs.getString("payment_terms"), rs.getBigDecimal("billing_threshold"),
                (Integer) rs.getObject("due_days"), rs.getString("kpp"), rs.getString("legal_address"));
    }

    /**
     * Issues an invoice in the caller's transaction: the next number of the partner's program,
     * the VAT its amount includes, due after the partner's days to pay. Announced as
     * {@code invoice.issued}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Invoice issue(String actor, Payer payer, String kind, YearMonth period, Money amount) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("an invoice of " + amount + " is not issued");
        }
        int seq = jdbc.sql("""
                        insert into partner_invoice_counter (program_id, last_number) values (:program, 1)
                        on conflict (program_id) do update set last_number = partner_invoice_counter.last_number + 1
                        returning last_number""")
                .param("program", payer.programId()).query(Integer.class).single();
        String number = number(payer.programId(), seq);
        LocalDate issuedOn = today.date();
        LocalDate dueOn = issuedOn.plusDays(payer.dueDays() == null ? settings.dueDays() : payer.dueDays());
        BigDecimal vat = vatIncluded(amount, settings.vatRate());
        long id = jdbc.sql("""
                        insert into partner_invoice (program_id, seq, number, partner_id, kind, period, amount, currency,
                                                     vat_rate, vat, payment_terms, issued_on, due_on, buyer, seller)
                        values (:program, :seq, :number, :partner, :kind, :period, :amount, :currency, :vatRate, :vat,
                                :terms, :issuedOn, :dueOn, cast(:buyer as jsonb), cast(:seller as jsonb)) returning id""")
                .param("buyer", JSON.writeValueAsString(payer.buyer()))
                .param("seller", settings.provider(payer.programId()).map(JSON::writeValueAsString).orElse(null))
                .param("program", payer.programId()).param("seq", seq).param("number", number)
                .param("partner", payer.partnerId()).param("kind", kind).param("period", period.atDay(1))
                .param("amount", amount.amount()).param("currency", amount.currency())
                .param("vatRate", settings.vatRate()).param("vat", vat).param("terms", payer.paymentTerms())
                .param("issuedOn", issuedOn).param("dueOn", dueOn).query(Long.class).single();
        events.record(actor, payer.partnerId(), "invoice.issued", "invoice/" + number,
                kind + " invoice " + number + " for " + period + ": " + amount.toDecimalString() + ", due " + dueOn,
                Map.of("number", number, "kind", kind, "period", period.toString(), "amount", amount.toDecimalString(),
                        "dueOn", dueOn.toString()));
        return find(id);
    }

    /** What a partner is billed: the amount of its invoice. */
    record Bill(Payer payer, Money amount) {
    }

    /**
     * Issues the close's monthly invoices in the caller's transaction, one program at a time: its
     * next numbers taken at once, in the order given, the invoices stored in one batch. Not
     * announced one by one: the close's statements are the partners' notice.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void issueMonthly(YearMonth period, List<Bill> bills) {
        LocalDate issuedOn = today.date();
        Map<String, List<Bill>> byProgram = new java.util.TreeMap<>();
        bills.forEach(bill -> byProgram.computeIfAbsent(bill.payer().programId(), p -> new java.util.ArrayList<>()).add(bill));
        byProgram.forEach((programId, ofProgram) -> {
            int last = jdbc.sql("""
                            insert into partner_invoice_counter (program_id, last_number) values (:program, :count)
                            on conflict (program_id) do update set last_number = partner_invoice_counter.last_number + :count
                            returning last_number""")
                    .param("program", programId).param("count", ofProgram.size()).query(Integer.class).single();
            int seq = last - ofProgram.size();
            String seller = settings.provider(programId).map(JSON::writeValueAsString).orElse(null);
            List<Object[]> rows = new java.util.ArrayList<>();
            for (Bill bill : ofProgram) {
                seq++;
                Payer payer = bill.payer();
                rows.add(new Object[]{programId, seq, number(programId, seq), payer.partnerId(), period.atDay(1),
                        bill.amount().amount(), bill.amount().currency(), settings.vatRate(),
                        vatIncluded(bill.amount(), settings.vatRate()), payer.paymentTerms(), issuedOn,
                        issuedOn.plusDays(payer.dueDays() == null ? settings.dueDays() : payer.dueDays()),
                        JSON.writeValueAsString(payer.buyer()), seller});
            }
            batches.batchUpdate("""
                    insert into partner_invoice (program_id, seq, number, partner_id, kind, period, amount, currency,
                                                 vat_rate, vat, payment_terms, issued_on, due_on, buyer, seller)
                    values (?, ?, ?, ?, 'MONTHLY', ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb))""", rows);
        });
    }

    /** {@code PREFIX-000042}: the program's prefix and the number, six digits at least. */
    String number(String programId, int seq) {
        return settings.prefix(programId) + "-" + String.format(java.util.Locale.ROOT, "%06d", seq);
    }

    /** The VAT a gross amount includes: amount × rate / (100 + rate), rounded to kopecks. */
    static BigDecimal vatIncluded(Money gross, BigDecimal rate) {
        return gross.includedShare(rate == null ? BigDecimal.ZERO : rate).amount();
    }

    /** The partner's invoices, oldest first. */
    public List<Invoice> of(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return ofPartner(partnerId);
    }

    List<Invoice> ofPartner(long partnerId) {
        return ofPartners(new Long[]{partnerId});
    }

    /** The invoices of each of the partners, oldest first. */
    List<Invoice> ofPartners(Long[] partnerIds) {
        return jdbc.sql("select * from partner_invoice where partner_id = any(:ids) order by issued_on, seq")
                .param("ids", partnerIds).query(PartnerInvoices::invoice).list();
    }

    /** The partner's invoice with that number; another partner's is not found. */
    public Invoice find(Caller caller, long partnerId, String number) {
        partners.find(caller, partnerId);
        return jdbc.sql("select * from partner_invoice where partner_id = :partner and number = :number")
                .param("partner", partnerId).param("number", number).query(PartnerInvoices::invoice).optional()
                .orElseThrow(() -> new NotFound("invoice", number));
    }

    Invoice find(long id) {
        return jdbc.sql("select * from partner_invoice where id = :id").param("id", id)
                .query(PartnerInvoices::invoice).single();
    }

    /** The sum of the partner's invoices for a month (threshold and monthly). */
    Money invoicedFor(long partnerId, YearMonth period, String currency) {
        BigDecimal sum = jdbc.sql("select coalesce(sum(amount), 0) from partner_invoice where partner_id = :partner and period = :period")
                .param("partner", partnerId).param("period", period.atDay(1)).query(BigDecimal.class).single();
        return Money.stored(sum, currency);
    }

    /** The parties of the partner's invoice {@code number}: as issued, or (issued before V45) as they are today. */
    public Parties parties(Caller caller, long partnerId, String number) {
        Invoice invoice = find(caller, partnerId, number);
        return parties(payer(partnerId), jdbc.sql(
                        "select buyer::text as buyer, seller::text as seller from partner_invoice where id = :id")
                .param("id", invoice.id()).query().listOfRows());
    }

    /**
     * The parties of a month's act: those of the month's monthly invoice as issued (else of its
     * latest invoice), or as they are today when none was issued with them.
     */
    public Parties partiesOfMonth(Caller caller, long partnerId, YearMonth period) {
        partners.find(caller, partnerId);
        return parties(payer(partnerId), jdbc.sql("""
                        select buyer::text as buyer, seller::text as seller from partner_invoice
                         where partner_id = :partner and period = :period
                         order by (kind = 'MONTHLY') desc, seq desc limit 1""")
                .param("partner", partnerId).param("period", period.atDay(1)).query().listOfRows());
    }

    /** From the invoice's stored parties (none, or none stored: the payer's and its provider's today). */
    private Parties parties(Payer payer, List<Map<String, Object>> invoice) {
        String programId = payer.programId();
        Object buyer = invoice.isEmpty() ? null : invoice.getFirst().get("buyer");
        if (buyer == null) {
            return new Parties(programId, settings.provider(programId), payer.buyer());
        }
        Object seller = invoice.getFirst().get("seller");
        return new Parties(programId,
                Optional.ofNullable(seller).map(s -> JSON.readValue((String) s, BillingSettings.Provider.class)),
                JSON.readValue((String) buyer, Buyer.class));
    }

    /** What each partner was invoiced for a month (threshold and monthly), by partner id. */
    Map<Long, BigDecimal> invoicedFor(YearMonth period) {
        Map<Long, BigDecimal> invoiced = new java.util.HashMap<>();
        jdbc.sql("select partner_id, sum(amount) as amount from partner_invoice where period = :period group by partner_id")
                .param("period", period.atDay(1))
                .query(rs -> {
                    invoiced.put(rs.getLong("partner_id"), rs.getBigDecimal("amount"));
                });
        return invoiced;
    }

    static Invoice invoice(ResultSet rs, int row) throws SQLException {
        BigDecimal vatRate = rs.getBigDecimal("vat_rate");
        return new Invoice(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("program_id"), rs.getString("number"),
                rs.getString("kind"), YearMonth.from(rs.getObject("period", LocalDate.class)).toString(),
                rs.getBigDecimal("amount").toPlainString(), rs.getString("currency"),
                vatRate == null ? null : vatRate.stripTrailingZeros().toPlainString(), rs.getBigDecimal("vat").toPlainString(),
                rs.getString("payment_terms"), rs.getObject("issued_on", LocalDate.class),
                rs.getObject("due_on", LocalDate.class));
    }
}
