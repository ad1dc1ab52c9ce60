package io.partnerhub.portal;

import io.partnerhub.partner.Partners;
import io.partnerhub.settlement.CloseInBackground;
import io.partnerhub.settlement.Statements;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.ProblemException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** The operator console: months and their close, partners. */
@Controller
@PortalPage
class ConsolePages {

    private final Partners partners;
    private final Statements statements;
    private final CloseInBackground close;

    ConsolePages(Partners partners, Statements statements, CloseInBackground close) {
        this.partners = partners;
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
        model.addAttribute("partners", partners.list(me.caller(),
                new Partners.Filter(null, null, null, null, null, 200, 0)));
        return "console";
    }

    /**
     * Starts closing a month (and earlier open ones); the console shows its progress, refreshing
     * itself until the close is done, and then the outcome.
     */
    @PostMapping("/console/periods/{period}/close")
    String closePeriod(@ModelAttribute("me") SignedIn me, @PathVariable String period, RedirectAttributes flash) {
        operatorOnly(me);
        try {
            close.start(me.caller().name(), YearMonth.parse(period));
        } catch (ProblemException e) {
            flash.addAttribute("refused", e.getMessage());
        } catch (DateTimeParseException e) {
            flash.addAttribute("refused", "not a month: " + period);
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
