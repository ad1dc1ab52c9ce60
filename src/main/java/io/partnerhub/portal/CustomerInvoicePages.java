package io.partnerhub.portal;

import io.partnerhub.customer.Customers;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.shared.PeriodInput;
import io.partnerhub.shared.ProblemException;
import io.partnerhub.shared.Today;
import io.partnerhub.whitelabel.CustomerAccounts;
import io.partnerhub.whitelabel.CustomerBilling;
import io.partnerhub.whitelabel.CustomerInvoices;
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
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A month's invoices in the partner's name to its customers, by number, each with how far payments
 * settled it and its PDF; per customer, its payment model and a form to record a payment it made.
 * Money: never shown to SALES.
 */
@Controller
@PortalPage
class CustomerInvoicePages {

    /** Customers listed with their forms; a partner with more finds the rest by the API. */
    private static final int CUSTOMERS_SHOWN = 100;

    private final Partners partners;
    private final CustomerInvoices invoices;
    private final CustomerAccounts accounts;
    private final CustomerBilling billing;
    private final Customers customers;
    private final CustomerInvoicePdf pdf;
    private final PeriodInput periods;
    private final MessageSource messages;
    private final Today today;
    private final ProgramCatalog programs;

    CustomerInvoicePages(Partners partners, CustomerInvoices invoices, CustomerAccounts accounts,
                         CustomerBilling billing, Customers customers, CustomerInvoicePdf pdf, PeriodInput periods,
                         MessageSource messages, Today today, ProgramCatalog programs) {
        this.programs = programs;
        this.partners = partners;
        this.invoices = invoices;
        this.accounts = accounts;
        this.billing = billing;
        this.customers = customers;
        this.pdf = pdf;
        this.periods = periods;
        this.messages = messages;
        this.today = today;
    }

    /** An invoice as the page lists it: the customer by name, and its status from the customer's account. */
    record Row(CustomerInvoices.Invoice invoice, String customerName, String status) {
    }

    /** A customer with its forms: its payment model and account. */
    record CustomerRow(long customerId, String name, String accountId, CustomerAccounts.Account account) {
    }

    @GetMapping("/portal/partners/{id}/customer-invoices")
    String invoices(@ModelAttribute("me") SignedIn me, @PathVariable long id,
                    @RequestParam(required = false) String period, Model model) {
        CustomerBillingPages.moneyOnly(me, id);
        Partner partner = partners.find(me.caller(), id);
        YearMonth month = period == null || period.isBlank() ? YearMonth.from(today.date()).minusMonths(1)
                : periods.period("period", period);
        Map<Long, Customers.PartnerCustomer> linked = new LinkedHashMap<>();
        for (Customers.PartnerCustomer c : customers.customersOfPartner(me.caller(), id, null, Customers.LinkState.ALL,
                today.date(), Integer.MAX_VALUE, 0)) {
            linked.putIfAbsent(c.customerId(), c);
        }
        Map<Long, CustomerAccounts.Account> byCustomer = new LinkedHashMap<>();
        List<Row> rows = invoices.ofPeriod(me.caller(), id, month).stream().map(invoice -> {
            CustomerAccounts.Account account = byCustomer.computeIfAbsent(invoice.customerId(),
                    c -> accounts.account(id, c));
            String status = account.invoices().stream().filter(s -> s.number() == invoice.number()).findFirst()
                    .map(CustomerAccounts.InvoiceStatus::status).orElse("OPEN");
            Customers.PartnerCustomer customer = linked.get(invoice.customerId());
            return new Row(invoice, customer == null ? null : customer.name(), status);
        }).toList();
        List<CustomerRow> shown = linked.values().stream().limit(CUSTOMERS_SHOWN)
                .map(c -> new CustomerRow(c.customerId(), c.name(), c.accountId(),
                        byCustomer.computeIfAbsent(c.customerId(), x -> accounts.account(id, x))))
                .toList();
        model.addAttribute("partner", partner);
        model.addAttribute("currency", programs.find(partner.programId()).map(Program::currency).orElse(""));
        model.addAttribute("period", month.toString());
        model.addAttribute("previousPeriod", month.minusMonths(1).toString());
        model.addAttribute("nextPeriod", month.plusMonths(1).toString());
        model.addAttribute("rows", rows);
        model.addAttribute("customers", shown);
        model.addAttribute("moreCustomers", linked.size() > CUSTOMERS_SHOWN);
        model.addAttribute("invoicing", billing.invoicing(id));
        model.addAttribute("today", today.date().toString());
        return "customer-invoices";
    }

    /** The invoice's PDF in the page's language, as the API's {@code ?format=pdf} renders it. */
    @GetMapping("/portal/partners/{id}/customers/{customerId}/invoices/{period}/pdf")
    void invoicePdf(@ModelAttribute("me") SignedIn me, @PathVariable long id, @PathVariable long customerId,
                    @PathVariable String period, HttpServletResponse response) throws IOException {
        CustomerBillingPages.moneyOnly(me, id);
        CustomerInvoices.Invoice invoice = invoices.of(me.caller(), id, customerId, periods.period("period", period));
        response.setContentType(MediaType.APPLICATION_PDF_VALUE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.inline().filename(CustomerInvoicePdf.fileName(invoice)).build().toString());
        pdf.write(me.caller(), invoice, LocaleContextHolder.getLocale(), response.getOutputStream());
    }

    @PostMapping("/portal/partners/{id}/customers/{customerId}/payment-model")
    String paymentModel(@ModelAttribute("me") SignedIn me, @PathVariable long id, @PathVariable long customerId,
                        @RequestParam String model, @RequestParam(required = false) String dueDays,
                        @RequestParam(required = false) String period, Model page, HttpServletResponse response,
                        RedirectAttributes flash) {
        CustomerBillingPages.moneyOnly(me, id);
        FormErrors errors = new FormErrors();
        Integer days = null;
        if (dueDays != null && !dueDays.isBlank()) {
            days = CustomerBillingPages.days(dueDays);
            if (days == null) {
                errors.field("dueDays", word("billing.error.dueDays"));
            }
        }
        if (!model.equals("PREPAID") && !model.equals("POSTPAID")) {
            errors.field("model", word("billing.error.model"));
        }
        if (errors.isEmpty()) {
            try {
                billing.setPaymentModel(me.caller(), id, customerId, model, days);
                flash.addAttribute("modelSet", customerId);
                return back(id, period, customerId);
            } catch (ProblemException e) {
                errors = FormErrors.of(e, messages, LocaleContextHolder.getLocale(), "model", "dueDays");
            }
        }
        errors.into(page, "model");
        page.addAttribute("modelFor", customerId);
        page.addAttribute("modelTyped", Map.of("model", model, "dueDays", dueDays == null ? "" : dueDays));
        response.setStatus(422);
        return invoices(me, id, period, page);
    }

    @PostMapping("/portal/partners/{id}/customers/{customerId}/payments")
    String payment(@ModelAttribute("me") SignedIn me, @PathVariable long id, @PathVariable long customerId,
                   @RequestParam String amount, @RequestParam(required = false) String receivedOn,
                   @RequestParam String reference, @RequestParam(required = false) String period, Model page,
                   HttpServletResponse response, RedirectAttributes flash) {
        CustomerBillingPages.moneyOnly(me, id);
        FormErrors errors = new FormErrors();
        BigDecimal value = null;
        try {
            value = IncentivePages.decimal(amount);
            if (value.scale() > 2 || value.precision() - value.scale() > 17) {
                errors.field("amount", word("billing.error.amount"));
            }
        } catch (NumberFormatException e) {
            errors.field("amount", word("billing.error.amount"));
        }
        LocalDate day = null;
        if (receivedOn != null && !receivedOn.isBlank()) {
            day = PeriodInput.date(receivedOn.strip());
            if (day == null) {
                errors.field("receivedOn", word("billing.error.date"));
            }
        }
        if (reference.isBlank() || reference.length() > 200) {
            errors.field("reference", word("billing.error.reference"));
        }
        if (errors.isEmpty()) {
            try {
                accounts.record(me.caller(), id, customerId, value, day, reference);
                flash.addAttribute("paid", customerId);
                return back(id, period, customerId);
            } catch (ProblemException e) {
                errors = FormErrors.of(e, messages, LocaleContextHolder.getLocale(), "amount", "receivedOn", "reference");
            }
        }
        errors.into(page, "payment");
        page.addAttribute("paymentFor", customerId);
        page.addAttribute("paymentTyped", Map.of("amount", amount, "receivedOn", receivedOn == null ? "" : receivedOn,
                "reference", reference));
        response.setStatus(422);
        return invoices(me, id, period, page);
    }

    private static String back(long id, String period, long customerId) {
        YearMonth month = PeriodInput.strictPeriod(period);
        return "redirect:/portal/partners/" + id + "/customer-invoices"
                + (month == null ? "" : "?period=" + month) + "#customer-" + customerId;
    }

    private String word(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }
}
