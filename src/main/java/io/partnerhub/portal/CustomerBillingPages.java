package io.partnerhub.portal;

import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.PartnerModel;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.program.Service;
import io.partnerhub.program.Settlement;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.PeriodInput;
import io.partnerhub.shared.ProblemException;
import io.partnerhub.shared.Today;
import io.partnerhub.whitelabel.Branding;
import io.partnerhub.whitelabel.CustomerBilling;
import io.partnerhub.whitelabel.PriceLists;
import io.partnerhub.whitelabel.PricePreview;
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

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a partner sells to its customers: the price list in force and its versions, a draft's
 * preview on last month's consumption and setting it, the invoicing settings, and a white-label
 * partner's brand. A refused form comes back next to its field in the reader's words. Prices and
 * costs are money: like the balance, never shown to SALES.
 */
@Controller
@PortalPage
class CustomerBillingPages {

    private static final BigDecimal MIN_MARKUP = new BigDecimal("-100");
    private static final BigDecimal MAX_MARKUP = new BigDecimal("1000");

    private final Partners partners;
    private final PriceLists priceLists;
    private final PricePreview preview;
    private final CustomerBilling billing;
    private final ProgramCatalog programs;
    private final BrandForm brandForm;
    private final MessageSource messages;
    private final Today today;

    CustomerBillingPages(Partners partners, PriceLists priceLists, PricePreview preview, CustomerBilling billing,
                         ProgramCatalog programs, BrandForm brandForm, MessageSource messages, Today today) {
        this.partners = partners;
        this.priceLists = priceLists;
        this.preview = preview;
        this.billing = billing;
        this.programs = programs;
        this.brandForm = brandForm;
        this.messages = messages;
        this.today = today;
    }

    /** The price-list form as typed: the month it takes effect, the default markup, a markup per catalogue service. */
    record Draft(String effectiveMonth, String defaultMarkup, Map<String, String> markups) {
    }

    @GetMapping("/portal/partners/{id}/customer-billing")
    String billing(@ModelAttribute("me") SignedIn me, @PathVariable long id, Model model) {
        moneyOnly(me, id);
        Partner partner = partners.find(me.caller(), id);
        LocalDate day = today.date();
        List<PriceLists.PriceList> versions = priceLists.versions(me.caller(), id);
        PriceLists.PriceList current = versions.stream().filter(v -> !v.effectiveFrom().isAfter(day)).findFirst()
                .orElse(null);
        ProgramVersion terms = programs.find(partner.programId()).flatMap(p -> p.versionOn(day)).orElse(null);
        List<String> services = terms == null ? List.of() : terms.services().stream().map(Service::name).toList();
        model.addAttribute("partner", partner);
        model.addAttribute("currency", programs.find(partner.programId()).map(Program::currency).orElse(""));
        model.addAttribute("versions", versions);
        model.addAttribute("current", current);
        model.addAttribute("services", services);
        model.addAttribute("sells", terms != null && terms.model(partner.model())
                .map(m -> m.settlement() == Settlement.DISCOUNT).orElse(false));
        model.addAttribute("whiteLabel", partner.model() == PartnerModel.WHITE_LABEL);
        model.addAttribute("invoicing", billing.invoicing(id));
        model.addAttribute("previewMonth", YearMonth.from(day).minusMonths(1).toString());
        if (!model.containsAttribute("draft")) {
            model.addAttribute("draft", draftFrom(current, services, YearMonth.from(day).plusMonths(1)));
        }
        brandForm.into(model, id);
        return "customer-billing";
    }

    /**
     * {@code action=preview} shows what each customer would have paid last month under the draft
     * (nothing stored); otherwise sets the draft from its month's first day.
     */
    @PostMapping("/portal/partners/{id}/customer-billing/price-list")
    String priceList(@ModelAttribute("me") SignedIn me, @PathVariable long id, @RequestParam Map<String, String> form,
                     Model model, HttpServletResponse response, RedirectAttributes flash) {
        moneyOnly(me, id);
        Draft draft = draftFrom(form);
        FormErrors errors = new FormErrors();
        BigDecimal defaultMarkup = markup(draft.defaultMarkup());
        if (defaultMarkup == null) {
            errors.field("defaultMarkupPercent", word("billing.error.markup"));
        }
        List<PriceLists.ServiceMarkup> services = new ArrayList<>();
        for (Map.Entry<String, String> typed : draft.markups().entrySet()) {
            if (typed.getValue() == null || typed.getValue().isBlank()) {
                continue;
            }
            BigDecimal markup = markup(typed.getValue());
            if (markup == null) {
                errors.field("services", messages.getMessage("billing.error.serviceMarkup", new Object[]{typed.getKey()},
                        LocaleContextHolder.getLocale()));
            } else {
                services.add(new PriceLists.ServiceMarkup(typed.getKey(), markup));
            }
        }
        boolean previewOnly = "preview".equals(form.get("action"));
        YearMonth month = PeriodInput.strictPeriod(draft.effectiveMonth());
        if (!previewOnly && month == null) {
            errors.field("effectiveFrom", word("billing.error.month"));
        }
        model.addAttribute("draft", draft);
        if (errors.isEmpty()) {
            try {
                if (previewOnly) {
                    model.addAttribute("preview", preview.of(me.caller(), id, null, defaultMarkup, services));
                    return billing(me, id, model);
                }
                priceLists.set(me.caller(), id, month.atDay(1), defaultMarkup, services);
                flash.addAttribute("saved", month.toString());
                return "redirect:/portal/partners/" + id + "/customer-billing#prices";
            } catch (ProblemException e) {
                errors = FormErrors.of(e, messages, LocaleContextHolder.getLocale(), "effectiveFrom",
                        "defaultMarkupPercent", "services");
            }
        }
        errors.into(model, "prices");
        response.setStatus(422);
        return billing(me, id, model);
    }

    @PostMapping("/portal/partners/{id}/customer-billing/invoicing")
    String invoicing(@ModelAttribute("me") SignedIn me, @PathVariable long id,
                     @RequestParam(defaultValue = "false") boolean simplifiedTaxSystem,
                     @RequestParam(required = false) String vatRate, @RequestParam(required = false) String dueDays,
                     Model model, HttpServletResponse response, RedirectAttributes flash) {
        moneyOnly(me, id);
        FormErrors errors = new FormErrors();
        BigDecimal rate = null;
        if (vatRate != null && !vatRate.isBlank()) {
            rate = percent(vatRate, BigDecimal.ZERO, new BigDecimal("100"));
            if (rate == null) {
                errors.field("vatRate", word("billing.error.vatRate"));
            }
        }
        Integer days = null;
        if (dueDays != null && !dueDays.isBlank()) {
            days = days(dueDays);
            if (days == null) {
                errors.field("dueDays", word("billing.error.dueDays"));
            }
        }
        if (errors.isEmpty()) {
            try {
                billing.setInvoicing(me.caller(), id, simplifiedTaxSystem, rate, days);
                flash.addAttribute("invoicingSaved", "");
                return "redirect:/portal/partners/" + id + "/customer-billing#invoicing";
            } catch (ProblemException e) {
                errors = FormErrors.of(e, messages, LocaleContextHolder.getLocale(), "vatRate", "dueDays");
            }
        }
        errors.into(model, "invoicing");
        model.addAttribute("invoicingForm", Map.of("simplifiedTaxSystem", simplifiedTaxSystem,
                "vatRate", vatRate == null ? "" : vatRate, "dueDays", dueDays == null ? "" : dueDays));
        response.setStatus(422);
        return billing(me, id, model);
    }

    @PostMapping("/portal/partners/{id}/customer-billing/branding")
    String branding(@ModelAttribute("me") SignedIn me, @PathVariable long id, @RequestParam String displayName,
                    @RequestParam String primaryColor, @RequestParam(required = false) MultipartFile logo,
                    @RequestParam(required = false) String supportEmail,
                    @RequestParam(required = false) String supportPhone, @RequestParam(required = false) String docsUrl,
                    Model model, HttpServletResponse response, RedirectAttributes flash) throws IOException {
        moneyOnly(me, id);
        BrandForm.Typed typed = new BrandForm.Typed(displayName, primaryColor, supportEmail, supportPhone, docsUrl);
        FormErrors errors = brandForm.set(me.caller(), id, typed, logo);
        if (errors.isEmpty()) {
            flash.addAttribute("brandSaved", "");
            return "redirect:/portal/partners/" + id + "/customer-billing#brand";
        }
        errors.into(model, "brand");
        model.addAttribute("brandTyped", typed);
        response.setStatus(422);
        return billing(me, id, model);
    }

    /** The form filled with the price list in force, to take effect next month. */
    private static Draft draftFrom(PriceLists.PriceList current, List<String> services, YearMonth next) {
        Map<String, String> markups = new LinkedHashMap<>();
        for (String service : services) {
            markups.put(service, current == null ? "" : current.services().stream()
                    .filter(s -> s.service().equalsIgnoreCase(service)).findFirst()
                    .map(s -> s.markupPercent().stripTrailingZeros().toPlainString()).orElse(""));
        }
        return new Draft(next.toString(), current == null ? "" : current.defaultMarkupPercent().stripTrailingZeros()
                .toPlainString(), markups);
    }

    /** The form's fields: {@code service-N} names the service of {@code markup-N}. */
    private static Draft draftFrom(Map<String, String> form) {
        Map<String, String> markups = new LinkedHashMap<>();
        for (int i = 0; form.containsKey("service-" + i); i++) {
            markups.put(form.get("service-" + i), form.getOrDefault("markup-" + i, ""));
        }
        return new Draft(form.getOrDefault("effectiveMonth", ""), form.getOrDefault("defaultMarkup", ""), markups);
    }

    /** A markup as the API takes it: at most two decimals, from -100 % to 1 000 %; null when it is not one. */
    private static BigDecimal markup(String typed) {
        return percent(typed, MIN_MARKUP, MAX_MARKUP);
    }

    static BigDecimal percent(String typed, BigDecimal min, BigDecimal max) {
        try {
            BigDecimal value = IncentivePages.decimal(typed.replace("%", ""));
            return value.scale() > 2 || value.compareTo(min) < 0 || value.compareTo(max) > 0 ? null : value;
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }

    /** Days to pay: a whole number from 0 to 365; null when it is not one. */
    static Integer days(String typed) {
        try {
            int days = Integer.parseInt(typed.strip());
            return days < 0 || days > 365 ? null : days;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String word(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    /** Prices, costs and the brand's settings are the partner's money matters: never for sales people. */
    static void moneyOnly(SignedIn me, long id) {
        if (!me.seesMoney()) {
            throw new NotFound("customer billing of partner", id);
        }
    }
}
