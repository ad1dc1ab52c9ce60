package io.partnerhub.portal;

import io.partnerhub.billing.Acts;
import io.partnerhub.billing.BillingTerms;
import io.partnerhub.billing.PartnerAccounts;
import io.partnerhub.billing.PartnerInvoices;
import io.partnerhub.billing.Payments;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.LegalForm;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.settlement.Statements;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.PeriodInput;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

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

    /** A KPP as the API takes it. */
    private static final java.util.regex.Pattern KPP = java.util.regex.Pattern.compile(Partners.KPP);

    private final Partners partners;
    private final BillingTerms terms;
    private final PartnerAccounts accounts;
    private final Payments payments;
    private final Statements statements;
    private final Acts acts;
    private final PartnerBillingPdf pdfs;
    private final PeriodInput periods;
    private final ProgramCatalog programs;
    private final PartnerInvoices invoices;
    private final MessageSource messages;

    PartnerBillingPages(Partners partners, BillingTerms terms, PartnerAccounts accounts, Payments payments,
                        Statements statements, Acts acts, PartnerBillingPdf pdfs,
                        PeriodInput periods, ProgramCatalog programs, PartnerInvoices invoices, MessageSource messages) {
        this.partners = partners;
        this.messages = messages;
        this.invoices = invoices;
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
        Partners.Requisites requisites = partners.requisites(me.caller(), id);
        model.addAttribute("requisites", requisites);
        if (!model.containsAttribute("requisitesTyped")) {
            model.addAttribute("requisitesTyped", new RequisitesTyped(requisites.kpp(), requisites.legalAddress()));
        }
        return "partner-billing";
    }

    /** What was typed into the requisites form, shown again with the refusal. */
    record RequisitesTyped(String kpp, String legalAddress) {
    }

    /**
     * The partner's KPP and legal address, set by its people who see money or by an operator: what
     * the provider's next invoices print. Checked here as the API checks them, each refusal in the
     * reader's words next to its field; an empty field clears it.
     */
    @PostMapping("/portal/partners/{id}/billing/requisites")
    String requisites(@ModelAttribute("me") SignedIn me, @PathVariable long id,
                      @RequestParam(required = false) String kpp, @RequestParam(required = false) String legalAddress,
                      Model model, HttpServletResponse response, RedirectAttributes flash) {
        moneyOnly(me, id);
        Partner partner = partners.find(me.caller(), id);
        String typedKpp = kpp == null || kpp.isBlank() ? null : kpp.strip();
        String typedAddress = legalAddress == null || legalAddress.isBlank() ? null : legalAddress.strip();
        FormErrors errors = new FormErrors();
        if (typedKpp != null && partner.legalForm() == LegalForm.INDIVIDUAL_ENTREPRENEUR) {
            errors.field("kpp", word("partnerBilling.requisites.error.individual"));
        } else if (typedKpp != null && !KPP.matcher(typedKpp).matches()) {
            errors.field("kpp", word("partnerBilling.requisites.error.kpp"));
        }
        if (typedAddress != null && typedAddress.length() > Partners.ADDRESS_LIMIT) {
            errors.field("legalAddress", word("partnerBilling.requisites.error.address", Partners.ADDRESS_LIMIT));
        }
        if (errors.isEmpty()) {
            partners.changeRequisites(me.caller(), id, typedKpp, typedAddress);
            flash.addAttribute("requisitesSaved", "1");
            return "redirect:/portal/partners/" + id + "/billing#requisites";
        }
        response.setStatus(422);
        errors.into(model, "requisites");
        model.addAttribute("requisitesTyped", new RequisitesTyped(kpp, legalAddress));
        return billing(me, id, model);
    }

    private String word(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }

    /** The invoice's PDF in the page's language, as the API's {@code ?format=pdf} renders it. */
    @GetMapping("/portal/partners/{id}/billing/invoices/{number}/pdf")
    void invoicePdf(@ModelAttribute("me") SignedIn me, @PathVariable long id, @PathVariable String number,
                    HttpServletResponse response) throws IOException {
        moneyOnly(me, id);
        PartnerAccounts.InvoiceStatus invoice = accounts.invoice(me.caller(), id, number);
        PartnerInvoices.Parties parties = invoices.parties(me.caller(), id, number);
        pdfResponse(response, PartnerBillingPdf.fileName(invoice));
        pdfs.invoice(parties, invoice, LocaleContextHolder.getLocale(), response.getOutputStream());
    }

    /** The month's act as a PDF in the page's language, as the API's {@code ?format=pdf} renders it. */
    @GetMapping("/portal/partners/{id}/billing/acts/{period}/pdf")
    void actPdf(@ModelAttribute("me") SignedIn me, @PathVariable long id, @PathVariable String period,
                HttpServletResponse response) throws IOException {
        moneyOnly(me, id);
        Acts.Act act = acts.of(me.caller(), id, periods.period("period", period));
        PartnerInvoices.Parties parties = invoices.partiesOfMonth(me.caller(), id, periods.period("period", period));
        pdfResponse(response, PartnerBillingPdf.fileName(act));
        pdfs.act(parties, act, LocaleContextHolder.getLocale(), response.getOutputStream());
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
