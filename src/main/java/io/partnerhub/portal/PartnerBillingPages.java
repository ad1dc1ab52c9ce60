package io.partnerhub.portal;

import io.partnerhub.billing.Acts;
import io.partnerhub.billing.BillingTerms;
import io.partnerhub.billing.PartnerAccounts;
import io.partnerhub.billing.Payments;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.settlement.Statements;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.PeriodInput;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * What the partner owes the provider and has paid: its payment terms, its account (for advance
 * payment the balance, what the open months reserve and what is available, with a warning when it
 * runs low or out), the provider's invoices with their status and PDF, an act for every closed month
 * with a payable, and the payments received. Money: never shown to SALES.
 */
@Controller
@PortalPage
class PartnerBillingPages {

    private final Partners partners;
    private final BillingTerms terms;
    private final PartnerAccounts accounts;
    private final Payments payments;
    private final Statements statements;
    private final Acts acts;
    private final PartnerBillingPdf pdfs;
    private final PeriodInput periods;
    private final ProgramCatalog programs;

    PartnerBillingPages(Partners partners, BillingTerms terms, PartnerAccounts accounts, Payments payments,
                        Statements statements, Acts acts, PartnerBillingPdf pdfs,
                        PeriodInput periods, ProgramCatalog programs) {
        this.partners = partners;
        this.terms = terms;
        this.accounts = accounts;
        this.payments = payments;
        this.statements = statements;
        this.acts = acts;
        this.pdfs = pdfs;
        this.periods = periods;
        this.programs = programs;
    }

    @GetMapping("/portal/partners/{id}/billing")
    String billing(@ModelAttribute("me") SignedIn me, @PathVariable long id, Model model) {
        moneyOnly(me, id);
        Partner partner = partners.find(me.caller(), id);
        model.addAttribute("partner", partner);
        model.addAttribute("currency", programs.find(partner.programId()).map(Program::currency).orElse(""));
        model.addAttribute("terms", terms.of(me.caller(), id));
        model.addAttribute("account", accounts.account(me.caller(), id));
        model.addAttribute("invoices", accounts.invoices(me.caller(), id).reversed());
        model.addAttribute("actPeriods", actPeriods(me, id));
        model.addAttribute("payments", payments.ofPartner(me.caller(), id));
        return "partner-billing";
    }

    /** The invoice's PDF in the page's language, as the API's {@code ?format=pdf} renders it. */
    @GetMapping("/portal/partners/{id}/billing/invoices/{number}/pdf")
    void invoicePdf(@ModelAttribute("me") SignedIn me, @PathVariable long id, @PathVariable String number,
                    HttpServletResponse response) throws IOException {
        moneyOnly(me, id);
        PartnerAccounts.InvoiceStatus invoice = accounts.invoice(me.caller(), id, number);
        Partner partner = partners.find(me.caller(), id);
        pdfResponse(response, PartnerBillingPdf.fileName(invoice));
        pdfs.invoice(partner, invoice, LocaleContextHolder.getLocale(), response.getOutputStream());
    }

    /** The month's act as a PDF in the page's language, as the API's {@code ?format=pdf} renders it. */
    @GetMapping("/portal/partners/{id}/billing/acts/{period}/pdf")
    void actPdf(@ModelAttribute("me") SignedIn me, @PathVariable long id, @PathVariable String period,
                HttpServletResponse response) throws IOException {
        moneyOnly(me, id);
        Acts.Act act = acts.of(me.caller(), id, periods.period("period", period));
        Partner partner = partners.find(me.caller(), id);
        pdfResponse(response, PartnerBillingPdf.fileName(act));
        pdfs.act(partner, act, LocaleContextHolder.getLocale(), response.getOutputStream());
    }

    /**
     * The months with an act, newest first: every closed month whose statement has a payable (the
     * act's own rule, {@link Acts}), months billed before partner billing existed included.
     */
    private List<String> actPeriods(SignedIn me, long id) {
        return statements.list(me.caller(), id).stream()
                .filter(s -> new BigDecimal(s.totals().payable()).signum() > 0)
                .map(Statements.Summary::period)
                .toList()
                .reversed();
    }

    private static void pdfResponse(HttpServletResponse response, String fileName) {
        response.setContentType(MediaType.APPLICATION_PDF_VALUE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(fileName).build().toString());
    }

    /** What the partner owes and pays is money: never for sales people. */
    private static void moneyOnly(SignedIn me, long id) {
        if (!me.seesMoney()) {
            throw new NotFound("billing of partner", id);
        }
    }
}
