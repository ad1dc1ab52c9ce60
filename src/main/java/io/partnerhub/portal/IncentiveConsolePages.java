package io.partnerhub.portal;

import io.partnerhub.customer.Customers;
import io.partnerhub.incentive.BonusCodes;
import io.partnerhub.incentive.CoMarketing;
import io.partnerhub.incentive.Leads;
import io.partnerhub.incentive.Quarter;
import io.partnerhub.incentive.Sandboxes;
import io.partnerhub.incentive.Trials;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.IncentiveRule;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.shared.Formats;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.ProblemException;
import io.partnerhub.shared.Today;
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
import tools.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The operator's incentive desk: what waits for a person (co-marketing events to approve or
 * decline, Professional trials only the operator ends, sandboxes ending or paid, warm leads
 * unassigned or offered), the quarter's co-marketing budget of each program that has one, and the
 * bonus-code report by partner and quarter. Each action redirects back (POST-redirect-GET).
 */
@Controller
@PortalPage
class IncentiveConsolePages {

    private static final int QUEUE_SIZE = 500;

    private final CoMarketing coMarketing;
    private final Trials trials;
    private final Sandboxes sandboxes;
    private final Leads leads;
    private final BonusCodes codes;
    private final Partners partners;
    private final Customers customers;
    private final ProgramCatalog programs;
    private final MessageSource messages;
    private final ObjectMapper json;
    private final Today today;

    IncentiveConsolePages(CoMarketing coMarketing, Trials trials, Sandboxes sandboxes, Leads leads, BonusCodes codes,
                          Partners partners, Customers customers, ProgramCatalog programs, MessageSource messages,
                          ObjectMapper json, Today today) {
        this.coMarketing = coMarketing;
        this.trials = trials;
        this.sandboxes = sandboxes;
        this.leads = leads;
        this.codes = codes;
        this.partners = partners;
        this.customers = customers;
        this.programs = programs;
        this.messages = messages;
        this.json = json;
        this.today = today;
    }

    /** A program's co-marketing budget of the quarter, with the program's name and currency. */
    record ProgramBudget(String name, String currency, CoMarketing.Budget budget) {
    }

    @GetMapping("/console/incentives")
    String desk(@ModelAttribute("me") SignedIn me, @RequestParam(required = false) String quarter, Model model) {
        operatorOnly(me);
        Quarter shown = quarter == null || quarter.isBlank() ? Quarter.of(today.date()) : Quarter.parse("quarter", quarter);
        List<CoMarketing.CoMarketingEvent> pending = coMarketing.events(me.caller(),
                new CoMarketing.Filter(CoMarketing.Status.PENDING, null, null, QUEUE_SIZE, 0));
        List<Trials.Trial> running = trials.runningUntilEnded(me.caller());
        List<Sandboxes.Sandbox> ending = sandboxes.ending(me.caller());
        List<Leads.Lead> open = Stream.concat(
                leads.leads(me.caller(), new Leads.Filter(Leads.Status.UNASSIGNED, null, QUEUE_SIZE, 0)).stream(),
                leads.leads(me.caller(), new Leads.Filter(Leads.Status.OFFERED, null, QUEUE_SIZE, 0)).stream())
                .sorted(Comparator.comparing(Leads.Lead::receivedOn).thenComparing(Leads.Lead::id)).toList();
        List<BonusCodes.QuarterReport> report = codes.report(me.caller(), null);
        List<ProgramBudget> budgets = budgets(me, shown);

        List<Long> partnerIds = new ArrayList<>();
        pending.forEach(e -> partnerIds.add(e.partnerId()));
        running.forEach(t -> partnerIds.add(t.partnerId()));
        ending.forEach(s -> partnerIds.add(s.partnerId()));
        open.stream().filter(l -> l.offeredTo() != null).forEach(l -> partnerIds.add(l.offeredTo()));
        Map<Long, String> customerNames = new HashMap<>();
        running.forEach(t -> customerNames.computeIfAbsent(t.customerId(),
                c -> customers.find(me.caller(), c).name()));

        model.addAttribute("quarter", shown.toString());
        model.addAttribute("previousQuarter", shown.previous().toString());
        model.addAttribute("nextQuarter", shown.next().toString());
        model.addAttribute("pending", pending);
        model.addAttribute("trials", running);
        model.addAttribute("sandboxes", ending);
        model.addAttribute("leads", open);
        model.addAttribute("report", report);
        model.addAttribute("budgets", budgets);
        model.addAttribute("budgetsJson", chart(budgets));
        report.forEach(r -> partnerIds.add(r.partnerId()));
        model.addAttribute("partnerNames", partnerNames(me, partnerIds));
        model.addAttribute("currencies", currencies(me, partnerIds));
        model.addAttribute("customerNames", customerNames);
        model.addAttribute("today", today.date());
        return "incentive-desk";
    }

    @PostMapping("/console/incentives/co-marketing/{eventId}/approve")
    String approve(@ModelAttribute("me") SignedIn me, @PathVariable long eventId, RedirectAttributes flash) {
        operatorOnly(me);
        try {
            CoMarketing.CoMarketingEvent event = coMarketing.approve(me.caller(), eventId);
            flash.addAttribute("approved", event.title());
            flash.addAttribute("quarter", event.quarter());
        } catch (ProblemException e) {
            flash.addAttribute("refused", shown(e));
        }
        return "redirect:/console/incentives";
    }

    @PostMapping("/console/incentives/co-marketing/{eventId}/decline")
    String decline(@ModelAttribute("me") SignedIn me, @PathVariable long eventId, @RequestParam String reason,
                   RedirectAttributes flash) {
        operatorOnly(me);
        if (reason.isBlank()) {
            flash.addAttribute("refused", word("incentives.error.reason"));
            return "redirect:/console/incentives";
        }
        try {
            CoMarketing.CoMarketingEvent event = coMarketing.decline(me.caller(), eventId, reason);
            flash.addAttribute("declined", event.title());
            flash.addAttribute("quarter", event.quarter());
        } catch (ProblemException e) {
            flash.addAttribute("refused", shown(e));
        }
        return "redirect:/console/incentives";
    }

    /** Ends a running trial on the day given (default today), its last day. */
    @PostMapping("/console/incentives/trials/{trialId}/end")
    String endTrial(@ModelAttribute("me") SignedIn me, @PathVariable long trialId, @RequestParam long customerId,
                    @RequestParam(required = false) String on, RedirectAttributes flash) {
        operatorOnly(me);
        try {
            LocalDate day = on == null || on.isBlank() ? null : LocalDate.parse(on.strip());
            Trials.Trial ended = trials.end(me.caller(), customerId, trialId, day);
            flash.addAttribute("trialEnded", ended.to().toString());
        } catch (DateTimeParseException e) {
            flash.addAttribute("refused", word("incentives.error.date"));
        } catch (ProblemException e) {
            flash.addAttribute("refused", shown(e));
        }
        return "redirect:/console/incentives";
    }

    /** The quarter's budget of every program whose terms of that quarter give co-marketing. */
    private List<ProgramBudget> budgets(SignedIn me, Quarter quarter) {
        List<ProgramBudget> budgets = new ArrayList<>();
        for (Program program : programs.all().stream().sorted(Comparator.comparing(Program::name)).toList()) {
            boolean offered = program.versionOn(quarter.firstDay())
                    .flatMap(terms -> terms.incentive(IncentiveRule.CoMarketing.class)).isPresent();
            if (offered) {
                budgets.add(new ProgramBudget(program.name(), program.currency(),
                        coMarketing.budget(me.caller(), program.id(), quarter.toString())));
            }
        }
        return budgets;
    }

    /**
     * The chart's data (portal.js): one group of bars per program, approved, pending and left; each
     * figure also as the page writes it, for the tooltips.
     */
    private String chart(List<ProgramBudget> budgets) {
        Locale locale = LocaleContextHolder.getLocale();
        Formats formats = Formats.of(locale);
        List<Map<String, Object>> series = new ArrayList<>();
        for (String part : List.of("approved", "pending", "left")) {
            List<String> amounts = budgets.stream().map(b -> switch (part) {
                case "approved" -> b.budget().approved();
                case "pending" -> b.budget().pending();
                default -> b.budget().left();
            }).toList();
            List<String> shown = new ArrayList<>();
            for (int i = 0; i < budgets.size(); i++) {
                shown.add(formats.money(amounts.get(i), budgets.get(i).currency()));
            }
            series.add(Map.of("label", word("incentives.budget." + part),
                    "values", amounts.stream().map(BigDecimal::new).toList(), "shown", shown));
        }
        // inside a <script> element: no "</" may appear (program names are the catalogue's)
        return json.writeValueAsString(Map.of("labels", budgets.stream().map(ProgramBudget::name).toList(),
                "locale", formats.russian() ? "ru-RU" : "en-US", "series", series)).replace("</", "<\\/");
    }

    private Map<Long, String> partnerNames(SignedIn me, List<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        ids.forEach(id -> names.computeIfAbsent(id, p -> partners.find(me.caller(), p).name()));
        return names;
    }

    /** Each partner's program currency, for writing its amounts. */
    private Map<Long, String> currencies(SignedIn me, List<Long> ids) {
        Map<Long, String> currencies = new HashMap<>();
        ids.forEach(id -> currencies.computeIfAbsent(id, p -> programs.find(partners.find(me.caller(), p).programId())
                .map(Program::currency).orElse("")));
        return currencies;
    }

    private String word(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    private String shown(ProblemException e) {
        return e.words().map(w -> w.in(messages, LocaleContextHolder.getLocale())).orElse(e.getMessage());
    }

    /** The desk is the provider's: anyone else gets the not-found page. */
    private static void operatorOnly(SignedIn me) {
        if (!me.operator()) {
            throw new NotFound("page", "/console/incentives");
        }
    }
}
