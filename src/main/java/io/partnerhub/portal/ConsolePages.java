package io.partnerhub.portal;

import io.partnerhub.settlement.CloseInBackground;
import io.partnerhub.settlement.Statements;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.PeriodInput;
import io.partnerhub.shared.PeriodOutOfRange;
import io.partnerhub.shared.Shown;
import io.partnerhub.shared.ProblemException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.YearMonth;
import java.util.List;

/** The operator console: the months, their close and their statements. */
@Controller
@PortalPage
class ConsolePages {

    private static final int STATEMENTS_PER_PAGE = 100;

    private final Statements statements;
    private final CloseInBackground close;
    private final PeriodInput periods;

    ConsolePages(Statements statements, CloseInBackground close, PeriodInput periods) {
        this.periods = periods;
        this.statements = statements;
        this.close = close;
    }

    @GetMapping("/console")
    String console(@ModelAttribute("me") SignedIn me, Model model) {
        operatorOnly(me);
        model.addAttribute("periods", statements.periods(me.caller()).reversed());
        close.latest().ifPresent(run -> {
            model.addAttribute("close", run);
            if (run.running()) {
                model.addAttribute("refreshSeconds", 1);
            }
        });
        return "console";
    }

    /** A closed month's statements, one per partner, searchable by the partner's name. */
    @GetMapping("/console/periods/{period}")
    String period(@ModelAttribute("me") SignedIn me, @PathVariable String period,
                  @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
        operatorOnly(me);
        YearMonth month = month(period);
        int from = Math.max(0, page) * STATEMENTS_PER_PAGE;
        List<Statements.PartnerStatement> found = statements.ofPeriod(me.caller(), month,
                q == null || q.isBlank() ? null : q.strip(), STATEMENTS_PER_PAGE + 1, from);
        model.addAttribute("period", month.toString());
        model.addAttribute("q", q);
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("more", found.size() > STATEMENTS_PER_PAGE);
        model.addAttribute("statements", found.subList(0, Math.min(found.size(), STATEMENTS_PER_PAGE)));
        return "period";
    }

    private YearMonth month(String period) {
        try {
            return periods.period("period", period);
        } catch (PeriodOutOfRange e) {
            throw new NotFound("month", Shown.quoted(period));
        }
    }

    /**
     * Starts closing a month (and earlier open ones); the console shows its progress, refreshing
     * itself until the close is done, and then the outcome.
     */
    @PostMapping("/console/periods/{period}/close")
    String closePeriod(@ModelAttribute("me") SignedIn me, @PathVariable String period, RedirectAttributes flash) {
        operatorOnly(me);
        try {
            close.start(me.caller().name(), periods.period("period", period));
        } catch (ProblemException e) {
            flash.addAttribute("refused", e.getMessage());
        }
        return "redirect:/console";
    }

    /** The console is the provider's: anyone else gets the not-found page. */
    private static void operatorOnly(SignedIn me) {
        if (!me.operator()) {
            throw new NotFound("page", "/console");
        }
    }
}
