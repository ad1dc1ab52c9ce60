package io.partnerhub.portal;

import io.partnerhub.shared.PeriodInput;
import io.partnerhub.program.ModelTerms;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.Today;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The programs the platform runs, for operators: each program with its versions, and one
 * version's terms in words. Operator-only: a partner's people see what their program gives them on
 * their statements, and the whole definition includes terms of models they are not in.
 */
@Controller
@PortalPage
class ProgramPages {

    private final ProgramCatalog catalog;
    private final Today today;
    private final MessageSource messages;

    ProgramPages(ProgramCatalog catalog, Today today, MessageSource messages) {
        this.catalog = catalog;
        this.today = today;
        this.messages = messages;
    }

    /** One version in a program's list: from when to when it is in force, and whether it is today. */
    record VersionSummary(LocalDate effectiveFrom, LocalDate until, boolean inForce, List<ModelTerms> models) {
    }

    record ProgramSummary(Program program, List<VersionSummary> versions) {
    }

    @GetMapping("/console/programs")
    String programs(@ModelAttribute("me") SignedIn me, Model model) {
        operatorOnly(me, "/console/programs");
        model.addAttribute("programs", catalog.all().stream()
                .map(p -> new ProgramSummary(p, versions(p))).toList());
        return "programs";
    }

    @GetMapping("/console/programs/{id}")
    String program(@ModelAttribute("me") SignedIn me, @PathVariable String id,
                   @RequestParam(required = false) String version, Model model, Locale locale) {
        operatorOnly(me, "/console/programs/" + id);
        Program program = catalog.find(id).orElseThrow(() -> new NotFound("program", id));
        ProgramVersion shown = version == null || version.isBlank() ? current(program) : version(program, version);
        model.addAttribute("program", program);
        model.addAttribute("versions", versions(program));
        model.addAttribute("shown", shown);
        model.addAttribute("terms", new ProgramTerms(messages, locale, program.currency()).read(program, shown));
        return "program";
    }

    private List<VersionSummary> versions(Program program) {
        ProgramVersion inForce = program.versionOn(today.date()).orElse(null);
        List<ProgramVersion> all = program.versions();
        List<VersionSummary> summaries = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            ProgramVersion v = all.get(i);
            LocalDate until = i + 1 < all.size() ? all.get(i + 1).effectiveFrom().minusDays(1) : null;
            summaries.add(new VersionSummary(v.effectiveFrom(), until, v == inForce, v.models()));
        }
        return summaries;
    }

    /** The version in force today; before the first one starts, the first. */
    private ProgramVersion current(Program program) {
        return program.versionOn(today.date()).orElseGet(() -> program.versions().getFirst());
    }

    private static ProgramVersion version(Program program, String effectiveFrom) {
        try {
            LocalDate from = PeriodInput.parseDate(effectiveFrom.strip());
            return program.versions().stream().filter(v -> v.effectiveFrom().equals(from)).findFirst()
                    .orElseThrow(() -> new NotFound("program version", program.id() + " " + effectiveFrom));
        } catch (DateTimeParseException e) {
            throw new NotFound("program version", program.id() + " " + effectiveFrom);
        }
    }

    private static void operatorOnly(SignedIn me, String page) {
        if (!me.operator()) {
            throw new NotFound("page", page);
        }
    }
}
