package io.partnerhub.billing;

import io.partnerhub.event.Events;
import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.ProblemException;
import io.partnerhub.shared.RuleViolation;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payments from partners (API.md, "Partner billing"): entered by an operator or read from the bank's
 * statement in the 1C exchange format. A payment is matched to the partner whose tax id the payer
 * has (one partner of the program the money reached, or of any program when that is not known), and
 * to the invoice whose number its purpose names; one that matches no partner waits in the queue
 * until an operator assigns it. The reference makes every payment once: the same payment entered or
 * read again, in the same statement file or another, changes nothing.
 */
@Component
public class Payments {

    /** An invoice number in a purpose: the prefix, a dash or blank, the digits (VK-000012, yc 12). */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\d])([A-Za-z]{2,6})[-‐–\\s]?0*(\\d{1,9})(?!\\d)");
    /** A number written without the prefix: "счёту № 12", "№000012". */
    private static final Pattern BARE_NUMBER = Pattern.compile("№\\s*0*(\\d{1,9})(?![\\d/-])");

    private final JdbcClient jdbc;
    private final Partners partners;
    private final PartnerInvoices invoices;
    private final PartnerAccounts accounts;
    private final BillingSettings settings;
    private final Events events;

    Payments(JdbcClient jdbc, Partners partners, PartnerInvoices invoices, PartnerAccounts accounts,
             BillingSettings settings, Events events) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.invoices = invoices;
        this.accounts = accounts;
        this.settings = settings;
        this.events = events;
    }

    /** A payment as stored; {@code partnerId} null while it waits in the queue. */
    @Schema(name = "PartnerPayment")
    public record Payment(long id, String reference, String amount, String currency, LocalDate receivedOn,
                          String payerTaxId, String payerName, String purpose, String programId, Long partnerId,
                          String partnerName, String invoiceNumber, String matchedBy, String source, Long importId,
                          Instant createdAt) {
    }

    /** What an operator enters. */
    public record NewPayment(BigDecimal amount, LocalDate receivedOn, String payerTaxId, String purpose, String reference) {
    }

    /** {@code created} false: the reference was entered before with the same values, nothing changed. */
    public record Entered(Payment payment, boolean created) {
    }

    /** An imported statement: its payments, and {@code duplicate} true when the file was imported before. */
    public record Imported(long importId, boolean duplicate, String fileName, int documents, int matched,
                           int unmatched, int skipped, List<Payment> payments) {
    }

    @Transactional
    public Entered enter(Caller caller, NewPayment p) {
        caller.requireOperator("enter payments");
        Optional<Payment> before = byReference(p.reference());
        if (before.isPresent()) {
            Payment existing = before.get();
            if (new BigDecimal(existing.amount()).compareTo(p.amount()) != 0 || !existing.receivedOn().equals(p.receivedOn())
                    || !java.util.Objects.equals(existing.payerTaxId(), blankToNull(p.payerTaxId()))) {
                throw new Conflict("Payment " + p.reference() + " was entered before with other values (amount "
                        + existing.amount() + ", received on " + existing.receivedOn() + ").");
            }
            return new Entered(existing, false);
        }
        long id = store(caller.name(), new Received(p.reference(), p.amount(), p.receivedOn(), blankToNull(p.payerTaxId()),
                null, null, blankToNull(p.purpose()), null), "OPERATOR", null);
        return new Entered(find(id), true);
    }

    /**
     * Imports a bank statement: its incoming payments to the providers' accounts, each once. A file
     * that cannot be read is refused whole (every problem with its line and field); the same file
     * again is {@code duplicate} and changes nothing.
     */
    @Transactional
    public Imported importStatement(Caller caller, String fileName, byte[] content) {
        caller.requireOperator("import bank statements");
        BankStatement statement;
        try {
            statement = BankStatementReader.read(content);
        } catch (BankStatementInvalid invalid) {
            throw new RuleViolation("The bank statement " + fileName + " cannot be read: " + invalid.count()
                    + (invalid.count() == 1 ? " problem." : " problems."), invalid.problems().stream()
                    .map(p -> new ProblemException.FieldProblem("line " + p.line() + (p.field() == null ? "" : ", " + p.field()),
                            p.message())).toList());
        }
        if (statement.accounts().stream().noneMatch(account -> settings.programOfAccount(account).isPresent())
                && statement.documents().stream().noneMatch(d -> settings.programOfAccount(d.payeeAccount()).isPresent())) {
            throw RuleViolation.of("file", "The bank statement " + fileName + " is of account " + String.join(", ",
                    statement.accounts()) + ", which is no provider's account: no payment in it is the providers'.");
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", "payment-import:" + statement.sha256())
                .query().listOfRows();
        Optional<Long> before = jdbc.sql("select id from payment_import where sha256 = :sha").param("sha", statement.sha256())
                .query(Long.class).optional();
        if (before.isPresent()) {
            return imported(before.get(), true);
        }
        List<Received> incoming = new ArrayList<>();
        for (BankDocument d : statement.documents()) {
            Optional<String> program = settings.programOfAccount(d.payeeAccount());
            if (program.isPresent()) {
                LocalDate received = d.receivedOn() != null ? d.receivedOn() : d.date();
                incoming.add(new Received("bank:" + d.date() + ":" + d.number() + ":" + (d.payerAccount() == null ? d.payerTaxId()
                        : d.payerAccount()) + ":" + d.amount().toPlainString(), d.amount(), received, d.payerTaxId(),
                        d.payerName(), d.payerAccount(), d.purpose(), program.get()));
            }
        }
        long importId = jdbc.sql("""
                        insert into payment_import (sha256, file_name, imported_by, documents, matched, unmatched, skipped)
                        values (:sha, :file, :by, :documents, 0, 0, 0) returning id""")
                .param("sha", statement.sha256()).param("file", fileName).param("by", caller.name())
                .param("documents", statement.documents().size()).query(Long.class).single();
        int matched = 0;
        int unmatched = 0;
        int skipped = 0;
        for (Received r : incoming) {
            if (byReference(r.reference()).isPresent()) {
                skipped++;
                continue;
            }
            long id = store(caller.name(), r, "BANK", importId);
            if (find(id).partnerId() == null) {
                unmatched++;
            } else {
                matched++;
            }
        }
        jdbc.sql("update payment_import set matched = :m, unmatched = :u, skipped = :s where id = :id")
                .param("m", matched).param("u", unmatched).param("s", skipped + statement.documents().size() - incoming.size())
                .param("id", importId).update();
        return imported(importId, false);
    }

    private Imported imported(long importId, boolean duplicate) {
        return jdbc.sql("select * from payment_import where id = :id").param("id", importId)
                .query((rs, i) -> new Imported(importId, duplicate, rs.getString("file_name"), rs.getInt("documents"),
                        rs.getInt("matched"), rs.getInt("unmatched"), rs.getInt("skipped"),
                        list("where p.import_id = :import", Map.of("import", importId))))
                .single();
    }

    /** A payment as received, before it is matched. */
    private record Received(String reference, BigDecimal amount, LocalDate receivedOn, String payerTaxId, String payerName,
                            String payerAccount, String purpose, String programId) {
    }

    /** Stores a payment matched as far as its payer and purpose allow; announces a matched one. */
    private long store(String actor, Received r, String source, Long importId) {
        Match match = match(r.payerTaxId(), r.programId(), r.purpose());
        long id = jdbc.sql("""
                        insert into partner_payment (reference, amount, received_on, payer_tax_id, payer_name, payer_account,
                                                     purpose, program_id, partner_id, invoice_id, matched_by, source,
                                                     import_id, entered_by)
                        values (:reference, :amount, :receivedOn, :taxId, :payerName, :payerAccount, :purpose, :program,
                                :partner, :invoice, :matchedBy, :source, :import, :by) returning id""")
                .param("reference", r.reference()).param("amount", r.amount()).param("receivedOn", r.receivedOn())
                .param("taxId", r.payerTaxId()).param("payerName", r.payerName()).param("payerAccount", r.payerAccount())
                .param("purpose", r.purpose()).param("program", match.programId() != null ? match.programId() : r.programId())
                .param("partner", match.partnerId()).param("invoice", match.invoiceId()).param("matchedBy", match.by())
                .param("source", source).param("import", importId).param("by", actor).query(Long.class).single();
        if (match.partnerId() != null) {
            received(actor, find(id));
        }
        return id;
    }

    private record Match(Long partnerId, String programId, Long invoiceId, String by) {
        static final Match NONE = new Match(null, null, null, null);
    }

    /**
     * The partner whose tax id the payer has (within the program the money reached when known); the
     * invoice of that partner the purpose names. Several partners with the tax id (one company in two
     * programs, the account not telling which): the one whose invoice the purpose names, or none.
     */
    private Match match(String payerTaxId, String programId, String purpose) {
        if (payerTaxId == null) {
            return Match.NONE;
        }
        List<PartnerInvoices.Payer> payers = jdbc.sql("""
                        select * from partner_billing_view where tax_id = :taxId and (:program::text is null or program_id = :program)
                         order by partner_id""")
                .param("taxId", payerTaxId.strip()).param("program", programId)
                .query((rs, i) -> PartnerInvoices.payer(rs)).list();
        List<Match> named = new ArrayList<>();
        for (PartnerInvoices.Payer payer : payers) {
            invoiceNamed(payer, purpose).ifPresent(invoice -> named.add(
                    new Match(payer.partnerId(), payer.programId(), invoice, "TAX_ID_AND_INVOICE")));
        }
        if (named.size() == 1) {
            return named.getFirst();
        }
        if (payers.size() == 1) {
            return new Match(payers.getFirst().partnerId(), payers.getFirst().programId(), null, "TAX_ID");
        }
        return Match.NONE;
    }

    /** The partner's invoice whose number the purpose names, if exactly one. */
    private Optional<Long> invoiceNamed(PartnerInvoices.Payer payer, String purpose) {
        if (purpose == null) {
            return Optional.empty();
        }
        String prefix = settings.prefix(payer.programId());
        List<Long> found = new ArrayList<>();
        Matcher m = NUMBER.matcher(purpose);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(prefix)) {
                invoiceOf(payer, Integer.parseInt(m.group(2))).filter(id -> !found.contains(id)).ifPresent(found::add);
            }
        }
        if (found.isEmpty()) {
            Matcher bare = BARE_NUMBER.matcher(purpose);
            while (bare.find()) {
                invoiceOf(payer, Integer.parseInt(bare.group(1))).filter(id -> !found.contains(id)).ifPresent(found::add);
            }
        }
        return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
    }

    private Optional<Long> invoiceOf(PartnerInvoices.Payer payer, int seq) {
        return jdbc.sql("select id from partner_invoice where partner_id = :partner and number = :number")
                .param("partner", payer.partnerId()).param("number", invoices.number(payer.programId(), seq))
                .query(Long.class).optional();
    }

    /** An operator assigns a payment from the queue to a partner (and an invoice of it). */
    @Transactional
    public Payment assign(Caller caller, long paymentId, long partnerId, String invoiceNumber) {
        caller.requireOperator("match payments");
        Payment payment = find(paymentId);
        if (payment.partnerId() != null) {
            throw new Conflict("Payment " + payment.reference() + " is matched to partner " + payment.partnerId()
                    + " already; a matched payment is never moved.");
        }
        PartnerInvoices.Payer payer = invoices.payer(partners.find(caller, partnerId).id());
        Long invoiceId = invoiceNumber == null || invoiceNumber.isBlank() ? null
                : invoices.find(caller, partnerId, invoiceNumber.strip()).id();
        jdbc.sql("""
                        update partner_payment set partner_id = :partner, program_id = :program, invoice_id = :invoice,
                                                   matched_by = 'OPERATOR' where id = :id""")
                .param("partner", partnerId).param("program", payer.programId()).param("invoice", invoiceId)
                .param("id", paymentId).update();
        Payment matched = find(paymentId);
        received(caller.name(), matched);
        return matched;
    }

    /** Announces a payment credited to a partner; the account's low/out warnings may come again. */
    private void received(String actor, Payment payment) {
        events.record(actor, payment.partnerId(), "payment.received", "payment/" + payment.id(),
                "Payment of " + payment.amount() + " received on " + payment.receivedOn()
                        + (payment.invoiceNumber() == null ? "" : " for invoice " + payment.invoiceNumber()),
                Map.of("amount", payment.amount(), "receivedOn", payment.receivedOn().toString(),
                        "invoice", payment.invoiceNumber() == null ? "" : payment.invoiceNumber()));
        accounts.balanceRestored(payment.partnerId());
    }

    public Payment find(Caller caller, long id) {
        caller.requireOperator("read payments");
        return find(id);
    }

    Payment find(long id) {
        List<Payment> found = list("where p.id = :id", Map.of("id", id));
        if (found.isEmpty()) {
            throw new NotFound("payment", id);
        }
        return found.getFirst();
    }

    private Optional<Payment> byReference(String reference) {
        return list("where p.reference = :reference", Map.of("reference", reference)).stream().findFirst();
    }

    /** The operator's list: all payments, or only the matched or the unmatched ones, latest first. */
    public List<Payment> list(Caller caller, Boolean matched, int limit, int offset) {
        caller.requireOperator("read payments");
        String where = matched == null ? "" : matched ? "where p.partner_id is not null" : "where p.partner_id is null";
        return list(where + " order by p.received_on desc, p.id desc limit " + limit + " offset " + offset, Map.of());
    }

    /** A partner's payments, latest first. */
    public List<Payment> ofPartner(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return list("where p.partner_id = :partner order by p.received_on desc, p.id desc", Map.of("partner", partnerId));
    }

    private List<Payment> list(String where, Map<String, ?> params) {
        var sql = jdbc.sql("""
                select p.*, b.name as partner_name, i.number as invoice_number
                  from partner_payment p
                  left join partner_billing_view b on b.partner_id = p.partner_id
                  left join partner_invoice i on i.id = p.invoice_id
                """ + where);
        for (Map.Entry<String, ?> param : params.entrySet()) {
            sql = sql.param(param.getKey(), param.getValue());
        }
        return sql.query(Payments::payment).list();
    }

    private static Payment payment(ResultSet rs, int row) throws SQLException {
        return new Payment(rs.getLong("id"), rs.getString("reference"), rs.getBigDecimal("amount").toPlainString(),
                rs.getString("currency"), rs.getObject("received_on", LocalDate.class), rs.getString("payer_tax_id"),
                rs.getString("payer_name"), rs.getString("purpose"), rs.getString("program_id"),
                (Long) rs.getObject("partner_id"), rs.getString("partner_name"), rs.getString("invoice_number"),
                rs.getString("matched_by"), rs.getString("source"), (Long) rs.getObject("import_id"),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
