package io.partnerhub.portal;

import io.partnerhub.customer.Customers;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.settlement.QualificationForecast;
import io.partnerhub.settlement.Statements;
import io.partnerhub.shared.Formats;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.Today;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The partner portal: a partner's dashboard and statements (operators may open any partner's). */
@Controller
@PortalPage
class PartnerPages {

    private static final int MONTHS_SHOWN = 12;
    private static final int CUSTOMERS_PER_PAGE = 100;
    private static final int LINES_PER_PAGE = 200;

    private final Partners partners;
    private final Statements statements;
    private final QualificationForecast qualification;
    private final ProgramCatalog programs;
    private final MessageSource messages;
    private final ObjectMapper json;
    private final Today today;
    private final Customers customers;
    private final StatementPdf pdf;
    private final MarginChart margins;

    private final TermsAhead termsAhead;

    PartnerPages(Partners partners, Statements statements, QualificationForecast qualification,
                 ProgramCatalog programs, MessageSource messages, ObjectMapper json,
                 Today today, Customers customers, StatementPdf pdf, MarginChart margins, TermsAhead termsAhead) {
        this.termsAhead = termsAhead;
        this.margins = margins;
        this.customers = customers;
        this.pdf = pdf;
        this.today = today;
        this.partners = partners;
        this.statements = statements;
        this.qualification = qualification;
        this.programs = programs;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(@ModelAttribute("me") SignedIn me) {
        return me.operator() ? "redirect:/console" : "redirect:/portal/partners/" + me.user().partnerId();
    }

    @GetMapping("/portal/partners/{id}")
    String dashboard(@ModelAttribute("me") SignedIn me, @PathVariable long id, Model model) {
        Partner partner = partners.find(me.caller(), id);
        List<Statements.Summary> all = statements.list(me.caller(), id);
        List<Month> months = all.subList(Math.max(0, all.size() - MONTHS_SHOWN), all.size()).stream()
                .map(s -> new Month(s.period(), s.tier(), s.totals().listCost(), s.totals().discount(),
                        percent(s.totals().discount(), s.totals().listCost()), s.totals().reward(),
                        s.totals().rebate(), s.totals().payable()))
                .toList()
                .reversed();
        model.addAttribute("partner", partner);
        model.addAttribute("currency", programs.find(partner.programId()).map(Program::currency).orElse(""));
        model.addAttribute("months", months);
        String currency = programs.find(partner.programId()).map(Program::currency).orElse("");
        model.addAttribute("monthsJson", chart(me, months.reversed(), currency));
        margins.into(model, me, id, all.isEmpty() ? null : YearMonth.parse(all.getLast().period()), currency);
        termsAhead.of(me.caller(), id).ifPresent(change -> model.addAttribute("termsAhead", change));
        return "partner";
    }

    /** Every closed month's statement, newest first, each with its totals, CSV and PDF. */
    @GetMapping("/portal/partners/{id}/statements")
    String statements(@ModelAttribute("me") SignedIn me, @PathVariable long id, Model model) {
        if (!me.seesMoney()) {
            throw new NotFound("statements of partner", id);
        }
        Partner partner = partners.find(me.caller(), id);
        model.addAttribute("partner", partner);
        model.addAttribute("statements", statements.list(me.caller(), id).reversed());
        return "statements";
    }

    /**
     * The month not closed yet: settled by the close's rules on the usage imported so far, and the
     * qualification forecast. Its own page, because it reads the month's usage: the dashboard loads
     * it into itself after showing the closed months (and links to it without JavaScript).
     */
    @GetMapping("/portal/partners/{id}/month-so-far")
    String monthSoFar(@ModelAttribute("me") SignedIn me, @PathVariable long id, Model model) {
        Partner partner = partners.find(me.caller(), id);
        QualificationForecast.Qualification forecast = qualification.forecast(me.caller(), id,
                LocaleContextHolder.getLocale());
        model.addAttribute("partner", partner);
        model.addAttribute("currency", programs.find(partner.programId()).map(Program::currency).orElse(""));
        model.addAttribute("qualification", forecast);
        model.addAttribute("forecast", forecast.forecast());
        Statements.Summary soFar = forecast.monthSoFar();
        if (soFar != null) {
            model.addAttribute("soFar", soFar);
            model.addAttribute("soFarPercent", percent(soFar.totals().discount(), soFar.totals().listCost()));
        }
        return "month-so-far";
    }

    /**
     * A page of the partner's customers, searchable and filtered by the state of their link today,
     * with each one's list cost in the last closed month.
     */
    @GetMapping("/portal/partners/{id}/customers")
    String customers(@ModelAttribute("me") SignedIn me, @PathVariable long id,
                     @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
                     @RequestParam(defaultValue = "all") String status, Model model) {
        Partner partner = partners.find(me.caller(), id);
        int from = Math.max(0, page) * CUSTOMERS_PER_PAGE;
        Customers.LinkState state = switch (status) {
            case "active" -> Customers.LinkState.ACTIVE;
            case "ended" -> Customers.LinkState.ENDED;
            default -> Customers.LinkState.ALL;
        };
        List<Customers.PartnerCustomer> found = customers.customersOfPartner(me.caller(), id, q, state, today.date(),
                CUSTOMERS_PER_PAGE + 1, from);
        List<Statements.Summary> closed = statements.list(me.caller(), id);
        YearMonth lastClosed = closed.isEmpty() ? null : YearMonth.parse(closed.getLast().period());
        model.addAttribute("partner", partner);
        model.addAttribute("q", q);
        model.addAttribute("status", state.name().toLowerCase(Locale.ROOT));
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("more", found.size() > CUSTOMERS_PER_PAGE);
        model.addAttribute("customers", found.subList(0, Math.min(found.size(), CUSTOMERS_PER_PAGE)));
        model.addAttribute("today", today.date());
        model.addAttribute("lastClosed", lastClosed);
        model.addAttribute("currency", programs.find(partner.programId()).map(Program::currency).orElse(""));
        model.addAttribute("listCost", lastClosed == null ? Map.of()
                : statements.listCostByCustomer(me.caller(), id, lastClosed));
        return "customers";
    }

    /** The statement's totals and a page of its lines (all of them are in the CSV). */
    @GetMapping("/portal/partners/{id}/statements/{period}")
    String statement(@ModelAttribute("me") SignedIn me, @PathVariable long id, @PathVariable String period,
                     @RequestParam(defaultValue = "0") int page, Model model) {
        Statements.StatementView statement = statementFor(me, id, period);
        int pages = Math.max(1, (statement.lines().size() + LINES_PER_PAGE - 1) / LINES_PER_PAGE);
        int shown = Math.min(Math.max(0, page), pages - 1);
        model.addAttribute("partner", partners.find(me.caller(), id));
        model.addAttribute("statement", statement);
        model.addAttribute("customerNames", customerNames(me, id));
        model.addAttribute("lines", statement.lines().subList(shown * LINES_PER_PAGE,
                Math.min(statement.lines().size(), (shown + 1) * LINES_PER_PAGE)));
        model.addAttribute("page", shown);
        model.addAttribute("pages", pages);
        return "statement";
    }

    @GetMapping("/portal/partners/{id}/statements/{period}/csv")
    ResponseEntity<String> statementCsv(@ModelAttribute("me") SignedIn me, @PathVariable long id,
                                        @PathVariable String period) {
        Statements.StatementView s = statementFor(me, id, period);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"statement-" + id + "-" + s.period() + ".csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(statements.csv(s, Formats.of(LocaleContextHolder.getLocale())));
    }

    /** The whole statement as a PDF, written to the response as it renders. */
    @GetMapping("/portal/partners/{id}/statements/{period}/pdf")
    void statementPdf(@ModelAttribute("me") SignedIn me, @PathVariable long id, @PathVariable String period,
                      HttpServletResponse response) throws IOException {
        Statements.StatementView s = statementFor(me, id, period);
        Partner partner = partners.find(me.caller(), id);
        response.setContentType(MediaType.APPLICATION_PDF_VALUE);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                "inline; filename=\"statement-" + id + "-" + s.period() + ".pdf\"");
        pdf.write(partner, s, customerNames(me, id), LocaleContextHolder.getLocale(), response.getOutputStream());
    }

    /** The partner's customers by id, ever linked, for naming them on statement lines. */
    private Map<Long, Customers.PartnerCustomer> customerNames(SignedIn me, long id) {
        Map<Long, Customers.PartnerCustomer> byId = new HashMap<>();
        for (Customers.PartnerCustomer c : customers.customersOfPartner(me.caller(), id, null,
                Customers.LinkState.ALL, today.date(), Integer.MAX_VALUE, 0)) {
            byId.putIfAbsent(c.customerId(), c);
        }
        return byId;
    }

    /** Statements show discounts: never to sales people. */
    private Statements.StatementView statementFor(SignedIn me, long id, String period) {
        if (!me.seesMoney()) {
            throw new NotFound("statement of partner " + id + " for", period);
        }
        return statements.find(me.caller(), id, period, LocaleContextHolder.getLocale());
    }

    /**
     * The chart's data: months oldest first by name, list cost, and the discount for those who see
     * money; each figure also as the page writes it (the tooltips), and the language's tag for the
     * axis (portal.js).
     */
    private String chart(SignedIn me, List<Month> months, String currency) {
        Locale locale = LocaleContextHolder.getLocale();
        Formats formats = Formats.of(locale);
        List<Map<String, Object>> series = new ArrayList<>();
        series.add(Map.of("label", messages.getMessage("col.listCost", null, locale),
                "values", months.stream().map(m -> new BigDecimal(m.listCost())).toList(),
                "shown", months.stream().map(m -> formats.money(m.listCost(), currency)).toList()));
        if (me.seesMoney()) {
            series.add(Map.of("label", messages.getMessage("col.discount", null, locale),
                    "values", months.stream().map(m -> new BigDecimal(m.discount())).toList(),
                    "shown", months.stream().map(m -> formats.money(m.discount(), currency)).toList()));
        }
        // inside a <script> element: no "</" may appear, and none can (months, numbers, labels)
        return json.writeValueAsString(Map.of("labels", months.stream().map(m -> formats.month(m.period())).toList(),
                "locale", formats.russian() ? "ru-RU" : "en-US",
                "series", series)).replace("</", "<\\/");
    }

    static String percent(String part, String whole) {
        BigDecimal total = new BigDecimal(whole);
        if (total.signum() == 0) {
            return "0.0";
        }
        return new BigDecimal(part).multiply(BigDecimal.valueOf(100)).divide(total, 1, RoundingMode.HALF_UP)
                .toPlainString();
    }
}
