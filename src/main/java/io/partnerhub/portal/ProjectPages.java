package io.partnerhub.portal;

import io.partnerhub.customer.Customers;
import io.partnerhub.shared.PeriodInput;
import io.partnerhub.deal.DealConflict;
import io.partnerhub.deal.DealRefusal;
import io.partnerhub.deal.ProjectRegistration;
import io.partnerhub.deal.ProjectRegistrations;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.ProblemException;
import io.partnerhub.shared.Today;
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
import java.util.List;
import java.util.Map;

/**
 * Project registrations (Yandex Cloud's 2026 terms): a partner claims a cloud or folder of a direct
 * customer for a rebate on its consumption growth. The rate is a rebate: sales people see the list
 * without it, and do not register.
 */
@Controller
@PortalPage
class ProjectPages {

    private final ProjectRegistrations projects;
    private final Partners partners;
    private final ProgramCatalog programs;
    private final Today today;

    private final Customers customers;

    ProjectPages(ProjectRegistrations projects, Partners partners, ProgramCatalog programs, Today today,
                 Customers customers) {
        this.customers = customers;
        this.projects = projects;
        this.partners = partners;
        this.programs = programs;
        this.today = today;
    }

    @GetMapping("/portal/partners/{id}/projects")
    String list(@ModelAttribute("me") SignedIn me, @PathVariable long id, Model model) {
        Partner partner = partners.find(me.caller(), id);
        model.addAttribute("partner", partner);
        model.addAttribute("terms", programs.find(partner.programId())
                .flatMap(p -> p.versionOn(today.date())).flatMap(v -> v.projectRegistration()).orElse(null));
        model.addAttribute("projects", projects.list(me.caller(), id));
        model.addAttribute("today", today.date());
        // the partner's own customers by name; a project may name another customer (by its number)
        List<Customers.PartnerCustomer> own = customers.customersOfPartner(me.caller(), id, null,
                Customers.LinkState.ALL, today.date(), Integer.MAX_VALUE, 0);
        Map<Long, Customers.PartnerCustomer> byId = new HashMap<>();
        own.forEach(c -> byId.putIfAbsent(c.customerId(), c));
        model.addAttribute("customerNames", byId);
        return "projects";
    }

    /** Registers a project; a refusal comes back next to the field it concerns, the form keeps what was typed. */
    @PostMapping("/portal/partners/{id}/projects")
    String register(@ModelAttribute("me") SignedIn me, @PathVariable long id,
                    @RequestParam(required = false) String customerId, @RequestParam(required = false) String projectId,
                    @RequestParam(required = false) String registeredOn, @RequestParam(required = false) String ratePercent,
                    Model model, RedirectAttributes flash) {
        partners.find(me.caller(), id);
        if (!me.seesMoney()) {
            throw new NotFound("page", "/portal/partners/" + id + "/projects (register)");
        }
        String field = "customerId";
        try {
            long customer = Long.parseLong(customerId.strip());
            field = "projectId";
            if (projectId == null || projectId.isBlank()) {
                throw new IllegalArgumentException();
            }
            field = "registeredOn";
            LocalDate on = PeriodInput.parseDate(registeredOn.strip());
            field = "ratePercent";
            BigDecimal rate = new BigDecimal(ratePercent.strip().replace(',', '.'));
            field = "customerId";
            ProjectRegistration registered = projects.register(me.caller(),
                    new ProjectRegistrations.Request(id, customer, projectId, on, rate));
            flash.addAttribute("registered", registered.projectId());
            return "redirect:/portal/partners/" + id + "/projects";
        } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
            // NumberFormatException is an IllegalArgumentException: the field says which input it was
            model.addAttribute("errorKey", "deals.projects.invalid." + field);
        } catch (NotFound e) {
            // the customer: unknown, or another partner's (a partner learns nothing about it)
            model.addAttribute("errorKey", "deals.projects.refused.customerNotFound");
        } catch (DealConflict e) {
            field = "projectId";
            model.addAttribute("error", e.in(LocaleContextHolder.getLocale()));
        } catch (DealRefusal e) {
            field = e.field();
            model.addAttribute("error", e.in(LocaleContextHolder.getLocale()));
        } catch (ProblemException e) {
            // the rules outside the deal desk that judge a registration: the partner has left, or the
            // day lies in a closed period
            field = e.errors().isEmpty() ? field : e.errors().getFirst().field();
            model.addAttribute("errorKey", field.equals("registeredOn") ? "deals.projects.refused.closedPeriod"
                    : "deals.projects.refused.partnerGone");
            field = field.equals("registeredOn") ? field : "customerId";
        }
        model.addAttribute("errorField", field);
        model.addAttribute("form", Map.of("customerId", nonNull(customerId), "projectId", nonNull(projectId),
                "registeredOn", nonNull(registeredOn), "ratePercent", nonNull(ratePercent)));
        return list(me, id, model);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
