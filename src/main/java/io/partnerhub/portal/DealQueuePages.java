package io.partnerhub.portal;

import io.partnerhub.deal.WordedRefusal;
import io.partnerhub.deal.DealTracking;
import io.partnerhub.deal.Deals;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.ProblemException;
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

/**
 * The operator's deal desk: pending deals by approval deadline, each with why it waits for a person
 * and the conflicts found now (explained without naming the other partner), approved or rejected here.
 */
@Controller
@PortalPage
class DealQueuePages {

    private static final int QUEUE_SIZE = 500;

    private final Deals deals;
    private final DealTracking tracking;

    DealQueuePages(Deals deals, DealTracking tracking) {
        this.deals = deals;
        this.tracking = tracking;
    }

    @GetMapping("/console/deals")
    String queue(@ModelAttribute("me") SignedIn me, Model model) {
        operatorOnly(me);
        model.addAttribute("queue", tracking.pending(me.caller(), QUEUE_SIZE, LocaleContextHolder.getLocale()));
        return "deal-queue";
    }

    @PostMapping("/console/deals/{dealId}/approve")
    String approve(@ModelAttribute("me") SignedIn me, @PathVariable long dealId,
                   @RequestParam String extraDiscountPercent, RedirectAttributes flash) {
        operatorOnly(me);
        try {
            deals.approve(me.caller(), dealId, new BigDecimal(extraDiscountPercent.strip().replace(',', '.')));
            flash.addAttribute("approved", dealId);
        } catch (NumberFormatException e) {
            flash.addAttribute("refused", "deal " + dealId + ": extraDiscountPercent must be a number like 15");
        } catch (ProblemException e) {
            flash.addAttribute("refused", "deal " + dealId + ": " + shown(e));
        }
        return "redirect:/console/deals";
    }

    @PostMapping("/console/deals/{dealId}/reject")
    String reject(@ModelAttribute("me") SignedIn me, @PathVariable long dealId, @RequestParam String reason,
                  RedirectAttributes flash) {
        operatorOnly(me);
        try {
            deals.reject(me.caller(), dealId, reason);
            flash.addAttribute("rejected", dealId);
        } catch (ProblemException e) {
            flash.addAttribute("refused", "deal " + dealId + ": " + shown(e));
        }
        return "redirect:/console/deals";
    }

    /** A refusal as the operator reads it: the deal desk's own in the page's language, others as the platform says them. */
    private static String shown(ProblemException e) {
        return e instanceof WordedRefusal worded ? worded.in(LocaleContextHolder.getLocale()) : e.getMessage();
    }

    private static void operatorOnly(SignedIn me) {
        if (!me.operator()) {
            throw new NotFound("page", "/console/deals");
        }
    }
}
