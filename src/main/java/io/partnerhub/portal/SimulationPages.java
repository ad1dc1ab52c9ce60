package io.partnerhub.portal;

import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.settlement.Simulations;
import io.partnerhub.shared.Formats;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.ProblemException;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operator's program simulator: a form to replay a draft of a program's file (the file in force
 * to start from) over closed months, the runs so far, and a run's page: while it runs, its progress
 * and a link to look again; then the provider's totals, the difference month by month as a chart
 * and a table, by model and by tier, the partners gaining and losing most with the differences that
 * explain it, every partner's difference, and the CSV.
 */
@Controller
@PortalPage
class SimulationPages {

    /** Partners on a run's page at a time. */
    static final int PAGE = 100;

    private final Simulations simulations;
    private final ProgramCatalog programs;
    private final MessageSource messages;
    private final ObjectMapper json;
    private final Today today;

    SimulationPages(Simulations simulations, ProgramCatalog programs, MessageSource messages, ObjectMapper json,
                    Today today) {
        this.simulations = simulations;
        this.programs = programs;
        this.messages = messages;
        this.json = json;
        this.today = today;
    }

    @GetMapping("/console/simulations")
    String list(@ModelAttribute("me") SignedIn me, @RequestParam(required = false) String program, Model model) {
        operatorOnly(me);
        List<Program> all = programs.all().stream().toList();
        String chosen = program != null && programs.find(program).isPresent() ? program : all.getFirst().id();
        YearMonth last = YearMonth.from(today.date()).minusMonths(1);
        model.addAttribute("programs", all);
        model.addAttribute("currencies", all.stream().collect(java.util.stream.Collectors.toMap(Program::id,
                Program::currency)));
        if (!model.containsAttribute("typedProgram")) {
            model.addAttribute("typedProgram", chosen);
            model.addAttribute("typedDraft", programs.sourceText(chosen).orElse(""));
            model.addAttribute("typedFrom", last.minusMonths(11).toString());
            model.addAttribute("typedTo", last.toString());
        }
        model.addAttribute("runs", simulations.list(me.caller()));
        return "simulations";
    }

    @PostMapping("/console/simulations")
    String start(@ModelAttribute("me") SignedIn me, @RequestParam(required = false) String programId,
                 @RequestParam(required = false) String draft, @RequestParam(required = false) MultipartFile draftFile,
                 @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                 Model model, HttpServletResponse response) throws IOException {
        operatorOnly(me);
        if (draftFile != null && !draftFile.isEmpty()) { // an uploaded file wins over the text typed
            draft = new String(draftFile.getBytes(), StandardCharsets.UTF_8);
        }
        try {
            Simulations.Started started = simulations.start(me.caller(), programId, draft, from, to);
            return "redirect:/console/simulations/" + started.id();
        } catch (ProblemException refused) {
            model.addAttribute("refused", refused);
            model.addAttribute("refusedWords", refused.words().map(w -> w.in(messages, LocaleContextHolder.getLocale()))
                    .orElse(refused.getMessage()));
            model.addAttribute("typedProgram", programId);
            model.addAttribute("typedDraft", draft);
            model.addAttribute("typedFrom", from);
            model.addAttribute("typedTo", to);
            response.setStatus(refused.status().value());
            return list(me, programId, model);
        }
    }

    @GetMapping("/console/simulations/{id}")
    String run(@ModelAttribute("me") SignedIn me, @PathVariable long id, @RequestParam(defaultValue = "0") int offset,
               Model model) {
        operatorOnly(me);
        int from = Math.max(0, offset);
        Simulations.Simulation run = simulations.find(me.caller(), id, PAGE, from);
        model.addAttribute("run", run);
        model.addAttribute("currency", programs.find(run.programId()).map(Program::currency).orElse(""));
        model.addAttribute("offset", from);
        model.addAttribute("nextMonth", YearMonth.from(today.date()).plusMonths(1).toString());
        model.addAttribute("page", PAGE);
        if (run.totals() != null) {
            model.addAttribute("chartJson", chart(run.byMonth(), model.getAttribute("currency").toString()));
            model.addAttribute("totalRows", totalRows(run.totals()));
        }
        return "simulation";
    }

    /** Schedules the run's draft as the program's next version from a month's first day, once confirmed. */
    @PostMapping("/console/simulations/{id}/schedule")
    String schedule(@ModelAttribute("me") SignedIn me, @PathVariable long id,
                    @RequestParam(required = false) String effectiveFrom, @RequestParam(required = false) String confirm,
                    RedirectAttributes flash) {
        operatorOnly(me);
        Locale locale = LocaleContextHolder.getLocale();
        try {
            YearMonth month = YearMonth.parse(effectiveFrom == null ? "" : effectiveFrom.strip());
            Simulations.Scheduled scheduled = simulations.schedule(me.caller(), id, month.atDay(1), confirm != null);
            flash.addAttribute("scheduled", messages.getMessage("simulation.scheduled", new Object[]{
                    Formats.of(locale).date(scheduled.effectiveFrom()), scheduled.partnersTold()}, locale));
        } catch (java.time.format.DateTimeParseException e) {
            flash.addAttribute("scheduleRefused", messages.getMessage("simulation.schedule.month", null, locale));
        } catch (ProblemException refused) {
            flash.addAttribute("scheduleRefused", refused.words().map(w -> w.in(messages, locale))
                    .orElse(refused.getMessage()));
        }
        return "redirect:/console/simulations/" + id + "#schedule";
    }

    @GetMapping("/console/simulations/{id}/csv")
    ResponseEntity<String> csv(@ModelAttribute("me") SignedIn me, @PathVariable long id) {
        operatorOnly(me);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"simulation-" + id + ".csv\"")
                .body(simulations.csv(me.caller(), id));
    }

    /** One total of the provider's: issued, under the draft, the difference. */
    record TotalRow(String key, String actual, String draft, String delta) {
    }

    private static List<TotalRow> totalRows(Simulations.Totals t) {
        return List.of(
                new TotalRow("listCost", t.actual().listCost(), t.draft().listCost(), t.delta().listCost()),
                new TotalRow("discount", t.actual().discount(), t.draft().discount(), t.delta().discount()),
                new TotalRow("reward", t.actual().reward(), t.draft().reward(), t.delta().reward()),
                new TotalRow("rebate", t.actual().rebate(), t.draft().rebate(), t.delta().rebate()),
                new TotalRow("bonus", t.actual().bonus(), t.draft().bonus(), t.delta().bonus()),
                new TotalRow("payable", t.actual().payable(), t.draft().payable(), t.delta().payable()));
    }

    /** The difference per month (payable and reward) as a bar chart (portal.js); the table shows the same. */
    private String chart(List<Simulations.Group> byMonth, String currency) {
        Locale locale = LocaleContextHolder.getLocale();
        Formats formats = Formats.of(locale);
        List<Map<String, Object>> series = List.of(
                series("simulation.chart.payable", byMonth.stream().map(g -> g.delta().payable()).toList(), formats,
                        currency, locale),
                series("simulation.chart.reward", byMonth.stream().map(g -> g.delta().reward()).toList(), formats,
                        currency, locale));
        return json.writeValueAsString(Map.of("labels", byMonth.stream().map(g -> formats.month(g.key())).toList(),
                "locale", formats.russian() ? "ru-RU" : "en-US", "series", series)).replace("</", "<\\/");
    }

    private Map<String, Object> series(String key, List<String> amounts, Formats formats, String currency, Locale locale) {
        return Map.of("label", messages.getMessage(key, null, locale),
                "values", amounts.stream().map(BigDecimal::new).toList(),
                "shown", amounts.stream().map(a -> formats.money(a, currency)).toList());
    }

    private static void operatorOnly(SignedIn me) {
        if (!me.operator()) {
            throw new NotFound("page", "/console/simulations");
        }
    }
}
