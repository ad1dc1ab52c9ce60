package io.partnerhub.portal;

import io.partnerhub.billing.Payments;
import io.partnerhub.billing.Receivables;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.ProblemException;
import io.partnerhub.shared.Today;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's receivables: what partners owe as of today, in total and per partner, with its
 * ageing (a chart and the table of the same figures); the payments no partner matched, each with a
 * form to assign it to a partner and, optionally, one of its invoices; a form to enter a payment
 * received; and the bank statement's upload (1C exchange format), with what it stored or every bad
 * line. Each action on the queue redirects back (POST-redirect-GET); a refused form comes back with
 * its errors.
 */
@Controller
@PortalPage
class ReceivablesPages {

    private static final int QUEUE_SIZE = 200;
    /** Partners a typed name may match before the form asks for a tax id instead. */
    private static final int CANDIDATES = 20;
    /** A bank statement's largest size, as the API takes it ({@code POST /api/v1/payments/imports}). */
    private static final long STATEMENT_LIMIT = 16L * 1024 * 1024;
    /** A problem's field as {@code Payments} names it: {@code line 12, Сумма} or {@code line 1}. */
    private static final Pattern LINE_FIELD = Pattern.compile("line (\\d+)(?:, (.*))?");

    private final Receivables receivables;
    private final Payments payments;
    private final Partners partners;
    private final AgeingChart chart;
    private final PaymentForm paymentForm;
    private final MessageSource messages;
    private final Today today;
    private final ProgramCatalog programs;

    ReceivablesPages(Receivables receivables, Payments payments, Partners partners, AgeingChart chart,
                     PaymentForm paymentForm, MessageSource messages, Today today, ProgramCatalog programs) {
        this.receivables = receivables;
        this.payments = payments;
        this.partners = partners;
        this.chart = chart;
        this.paymentForm = paymentForm;
        this.messages = messages;
        this.today = today;
        this.programs = programs;
    }

    /**
     * The currency of the receivables: the one all programs bill in (the report adds up every
     * program's invoices, which only one currency makes meaningful).
     */
    private String currency() {
        List<String> currencies = programs.all().stream().map(Program::currency).distinct().toList();
        if (currencies.size() != 1) {
            throw new IllegalStateException("Receivables add up invoices of one currency; the programs bill in "
                    + currencies);
        }
        return currencies.getFirst();
    }

    /** One problem of a refused statement: its line, its field (the key as the file spells it) and why. */
    record StatementProblem(String line, String field, String message) {
    }

    /** A partner's line of the table: what it owes, and its ageing in the order of {@link AgeingChart#BUCKETS}. */
    record Row(Receivables.Receivable receivable, List<String> ageing) {
    }

    @GetMapping("/console/receivables")
    String receivables(@ModelAttribute("me") SignedIn me, Model model) {
        operatorOnly(me);
        Receivables.Report report = receivables.report(me.caller());
        model.addAttribute("report", report);
        model.addAttribute("rows", report.partners().stream()
                .map(r -> new Row(r, AgeingChart.amounts(r.ageing()))).toList());
        String currency = currency();
        model.addAttribute("currency", currency);
        model.addAttribute("buckets", AgeingChart.BUCKETS);
        model.addAttribute("totals", AgeingChart.amounts(report.ageing()));
        model.addAttribute("ageingJson", chart.of(report.ageing(), currency));
        model.addAttribute("queue", payments.list(me.caller(), false, QUEUE_SIZE, 0));
        model.addAttribute("today", today.date().toString());
        if (!model.containsAttribute("paymentTyped")) {
            model.addAttribute("paymentTyped", PaymentForm.Typed.empty(today.date()));
        }
        return "receivables";
    }

    /** Enters a payment received; the form comes back with its errors when refused. */
    @PostMapping("/console/receivables/payments")
    String enter(@ModelAttribute("me") SignedIn me, @RequestParam(required = false) String amount,
                 @RequestParam(required = false) String receivedOn, @RequestParam(required = false) String payerTaxId,
                 @RequestParam(required = false) String purpose, @RequestParam(required = false) String reference,
                 Model model, HttpServletResponse response, RedirectAttributes flash) {
        operatorOnly(me);
        PaymentForm.Typed typed = new PaymentForm.Typed(amount, receivedOn, payerTaxId, purpose, reference);
        PaymentForm.Outcome outcome = paymentForm.enter(me.caller(), typed);
        if (outcome.entered() != null) {
            Payments.Payment p = outcome.entered().payment();
            flash.addAttribute(outcome.entered().created() ? "entered" : "enteredBefore", p.reference());
            if (p.partnerName() != null) {
                flash.addAttribute("enteredFor", p.partnerName());
            }
            return "redirect:/console/receivables#enter";
        }
        outcome.errors().into(model, "payment");
        model.addAttribute("paymentTyped", typed);
        response.setStatus(422);
        return receivables(me, model);
    }

    /**
     * Assigns a payment from the queue to the partner typed (a tax id, or a part of its name that
     * only one partner's has, or its whole name) and, when given, one of its invoices.
     */
    @PostMapping("/console/receivables/payments/{paymentId}/assign")
    String assign(@ModelAttribute("me") SignedIn me, @PathVariable long paymentId,
                  @RequestParam(required = false) String partner, @RequestParam(required = false) String invoiceNumber,
                  RedirectAttributes flash) {
        operatorOnly(me);
        String typed = partner == null ? "" : partner.strip();
        List<Partner> found = typed.isEmpty() ? List.of() : candidates(me, typed);
        if (found.size() != 1) {
            flash.addAttribute("queueRefused", found.isEmpty() ? word("receivables.assign.noPartner", typed)
                    : word("receivables.assign.severalPartners", typed, String.join(", ",
                    found.stream().map(Partner::name).toList())));
            flash.addAttribute("refusedPayment", paymentId);
            return "redirect:/console/receivables#queue";
        }
        try {
            Payments.Payment assigned = payments.assign(me.caller(), paymentId, found.getFirst().id(),
                    invoiceNumber == null || invoiceNumber.isBlank() ? null : invoiceNumber.strip());
            flash.addAttribute("assigned", assigned.reference());
            flash.addAttribute("assignedTo", assigned.partnerName());
        } catch (ProblemException e) {
            flash.addAttribute("queueRefused", shown(e));
            flash.addAttribute("refusedPayment", paymentId);
        }
        return "redirect:/console/receivables#queue";
    }

    /**
     * Imports the bank statement as the API does: its incoming payments each once, or nothing and
     * every bad line; the same file again is a duplicate and changes nothing.
     */
    @PostMapping("/console/receivables/statements")
    String importStatement(@ModelAttribute("me") SignedIn me, @RequestParam(name = "file", required = false) MultipartFile file,
                           Model model, HttpServletResponse response) throws IOException {
        operatorOnly(me);
        if (file == null || file.isEmpty() || file.getSize() > STATEMENT_LIMIT) {
            model.addAttribute("statementError", file == null || file.isEmpty() ? word("receivables.statement.missing")
                    : word("receivables.statement.tooLarge", STATEMENT_LIMIT / (1024 * 1024)));
            response.setStatus(422);
            return receivables(me, model);
        }
        String fileName = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "statement.txt"
                : file.getOriginalFilename().strip();
        byte[] content;
        try (InputStream in = file.getInputStream()) {
            content = in.readAllBytes();
        }
        model.addAttribute("statementFile", fileName);
        try {
            model.addAttribute("imported", payments.importStatement(me.caller(), fileName, content));
        } catch (ProblemException e) {
            model.addAttribute("statementRefused", shown(e));
            model.addAttribute("statementProblems", e.errors().stream().map(ReceivablesPages::problem).toList());
            response.setStatus(e.status().value());
        }
        return receivables(me, model);
    }

    /** Partners whose tax id is the text typed, or whose name holds it; one named exactly so wins. */
    private List<Partner> candidates(SignedIn me, String typed) {
        List<Partner> found = partners.list(me.caller(), new Partners.Filter(null, null, null, null, typed, CANDIDATES, 0));
        List<Partner> exact = found.stream().filter(p -> p.taxId().equals(typed) || p.name().equalsIgnoreCase(typed))
                .toList();
        return exact.size() == 1 ? exact : found;
    }

    private static StatementProblem problem(ProblemException.FieldProblem p) {
        Matcher m = LINE_FIELD.matcher(p.field());
        return m.matches() ? new StatementProblem(m.group(1), m.group(2), p.message())
                : new StatementProblem(null, p.field(), p.message());
    }

    private String word(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    /** The refusal in the page's language where the code that refused worded it, else its problem detail. */
    private String shown(ProblemException e) {
        return e.words().map(w -> w.in(messages, LocaleContextHolder.getLocale())).orElse(e.getMessage());
    }

    /** The receivables are the provider's: anyone else gets the not-found page. */
    private static void operatorOnly(SignedIn me) {
        if (!me.operator()) {
            throw new NotFound("page", "/console/receivables");
        }
    }
}
