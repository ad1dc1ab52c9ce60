package io.partnerhub.portal;

import io.partnerhub.partner.Partners;
import io.partnerhub.settlement.PeriodClose;
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
    private final PeriodClose close;

    ConsolePages(Partners partners, Statements statements, PeriodClose close) {
        this.partners = partners;
        this.statements = statements;
        this.close = close;
    }

    @GetMapping("/console")
    String console(@ModelAttribute("me") SignedIn me, Model model) {
        operatorOnly(me);
        model.addAttribute("periods", statements.periods(me.caller()).reversed());
        model.addAttribute("partners", partners.list(me.caller(),
                new Partners.Filter(null, null, null, null, null, 200, 0)));
        return "console";
    }

    /** Closes a month (and earlier open ones); the outcome or the refusal shows on the console. */
    @PostMapping("/console/periods/{period}/close")
    String closePeriod(@ModelAttribute("me") SignedIn me, @PathVariable String period, RedirectAttributes flash) {
        operatorOnly(me);
        try {
            PeriodClose.Result result = close.close(me.caller().name(), YearMonth.parse(period));
            flash.addAttribute("closed", result.period().toString());
            flash.addAttribute("count", result.closedNow().size());
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
