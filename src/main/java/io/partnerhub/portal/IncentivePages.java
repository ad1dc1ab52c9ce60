package io.partnerhub.portal;

import io.partnerhub.customer.Customers;
import io.partnerhub.incentive.BonusCodes;
import io.partnerhub.incentive.CoMarketing;
import io.partnerhub.incentive.Incentives;
import io.partnerhub.incentive.Leads;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * A partner's incentives: what its program offers, this quarter's bonus codes with a form to ask
 * for one, trials, free months, the sandbox's timer, one-off bonuses, co-marketing requests and the
 * warm leads offered to it. A refused form comes back next to its fields in the reader's words.
 * The page is full of money (codes, budgets, bonuses): like the balance, never shown to SALES.
 */
@Controller
@PortalPage
class IncentivePages {

    private static final int SHOWN = 200;

    private final Incentives incentives;
    private final CoMarketing coMarketing;
    private final Leads leads;
    private final Partners partners;
    private final Customers customers;
    private final ProgramCatalog programs;
    private final MessageSource messages;
    private final Today today;

    IncentivePages(Incentives incentives, CoMarketing coMarketing, Leads leads, Partners partners,
                   Customers customers, ProgramCatalog programs, MessageSource messages, Today today) {
        this.incentives = incentives;
        this.coMarketing = coMarketing;
        this.leads = leads;
        this.partners = partners;
        this.customers = customers;
        this.programs = programs;
        this.messages = messages;
        this.today = today;
    }

    @GetMapping("/portal/partners/{id}/incentives")
    String incentives(@ModelAttribute("me") SignedIn me, @PathVariable long id, Model model) {
        moneyOnly(me, id);
        var partner = partners.find(me.caller(), id);
        Incentives.Overview overview = incentives.of(me.caller(), id);
        model.addAttribute("partner", partner);
        model.addAttribute("overview", overview);
        model.addAttribute("currency", programs.find(partner.programId()).map(Program::currency).orElse(""));
        model.addAttribute("customerNames", customerNames(me, id));
        model.addAttribute("events", coMarketing.events(me.caller(), new CoMarketing.Filter(null, id, null, SHOWN, 0)));
        model.addAttribute("leads", leads.leads(me.caller(), new Leads.Filter(null, id, SHOWN, 0)));
        model.addAttribute("today", today.date());
        return "incentives";
    }

    /** Asks for a bonus code; the code and what is left show on the page it redirects to. */
    @PostMapping("/portal/partners/{id}/incentives/bonus-codes")
    String issueCode(@ModelAttribute("me") SignedIn me, @PathVariable long id, @RequestParam String amount,
                     Model model, HttpServletResponse response, RedirectAttributes flash) {
        moneyOnly(me, id);
        FormErrors errors;
        try {
            BonusCodes.BonusCode code = incentives.requestCode(me.caller(), id, decimal(amount));
            flash.addAttribute("issued", code.code());
            return "redirect:/portal/partners/" + id + "/incentives#bonus-codes";
        } catch (NumberFormatException e) {
            errors = new FormErrors().field("amount", word("incentives.error.amount"));
        } catch (ProblemException e) {
            errors = FormErrors.of(e, messages, LocaleContextHolder.getLocale(), "amount");
        }
        errors.into(model, "code");
        model.addAttribute("codeAmount", amount);
        response.setStatus(422);
        return incentives(me, id, model);
    }

    /** Asks the provider to co-fund an event; refused when the partner's share is below the program's. */
    @PostMapping("/portal/partners/{id}/incentives/co-marketing")
    String requestEvent(@ModelAttribute("me") SignedIn me, @PathVariable long id, @RequestParam String title,
                        @RequestParam String date, @RequestParam String budget, @RequestParam String partnerShare,
                        Model model, HttpServletResponse response, RedirectAttributes flash) {
        moneyOnly(me, id);
        FormErrors errors = new FormErrors();
        BigDecimal total = null;
        BigDecimal share = null;
        LocalDate day = null;
        try {
            total = decimal(budget);
        } catch (NumberFormatException e) {
            errors.field("budget", word("incentives.error.amount"));
        }
        try {
            share = decimal(partnerShare);
        } catch (NumberFormatException e) {
            errors.field("partnerShare", word("incentives.error.amount"));
        }
        try {
            day = LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            errors.field("date", word("incentives.error.date"));
        }
        if (title.isBlank()) {
            errors.field("title", word("incentives.error.title"));
        }
        if (errors.isEmpty()) {
            try {
                CoMarketing.CoMarketingEvent event = coMarketing.request(me.caller(), id, title, day, total, share);
                flash.addAttribute("requested", event.title());
                return "redirect:/portal/partners/" + id + "/incentives#co-marketing";
            } catch (ProblemException e) {
                errors = FormErrors.of(e, messages, LocaleContextHolder.getLocale(), "title", "date", "budget",
                        "partnerShare");
            }
        }
        errors.into(model, "event");
        model.addAttribute("eventForm", Map.of("title", title, "date", date, "budget", budget,
                "partnerShare", partnerShare));
        response.setStatus(422);
        return incentives(me, id, model);
    }

    @PostMapping("/portal/partners/{id}/incentives/leads/{leadId}/accept")
    String acceptLead(@ModelAttribute("me") SignedIn me, @PathVariable long id, @PathVariable long leadId,
                      RedirectAttributes flash) {
        moneyOnly(me, id);
        partners.find(me.caller(), id);
        try {
            leads.accept(me.caller(), leadId);
            flash.addAttribute("accepted", leadId);
        } catch (ProblemException e) {
            flash.addAttribute("leadRefused", shown(e));
        }
        return "redirect:/portal/partners/" + id + "/incentives#leads";
    }

    @PostMapping("/portal/partners/{id}/incentives/leads/{leadId}/decline")
    String declineLead(@ModelAttribute("me") SignedIn me, @PathVariable long id, @PathVariable long leadId,
                       @RequestParam(required = false) String reason, RedirectAttributes flash) {
        moneyOnly(me, id);
        partners.find(me.caller(), id);
        try {
            leads.decline(me.caller(), leadId, reason);
            flash.addAttribute("declined", leadId);
        } catch (ProblemException e) {
            flash.addAttribute("leadRefused", shown(e));
        }
        return "redirect:/portal/partners/" + id + "/incentives#leads";
    }

    /** The partner's customers by id, ever linked, for naming them next to codes, trials and free months. */
    private Map<Long, String> customerNames(SignedIn me, long id) {
        Map<Long, String> byId = new HashMap<>();
        for (Customers.PartnerCustomer c : customers.customersOfPartner(me.caller(), id, null,
                Customers.LinkState.ALL, today.date(), Integer.MAX_VALUE, 0)) {
            byId.putIfAbsent(c.customerId(), c.name());
        }
        return byId;
    }

    /** An amount as a person types it: "30 000,50", "30000.50". */
    static BigDecimal decimal(String typed) {
        return new BigDecimal(typed.strip().replace(" ", "").replace("\u00A0", "").replace(',', '.'));
    }

    private String word(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    private String shown(ProblemException e) {
        return e.words().map(w -> w.in(messages, LocaleContextHolder.getLocale())).orElse(e.getMessage());
    }

    /** Codes, budgets and bonuses are money: never shown to sales people (as the balance). */
    private static void moneyOnly(SignedIn me, long id) {
        if (!me.seesMoney()) {
            throw new NotFound("incentives of partner", id);
        }
    }
}
