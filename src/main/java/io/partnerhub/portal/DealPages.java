package io.partnerhub.portal;

import io.partnerhub.deal.Deal;
import io.partnerhub.deal.DealStatus;
import io.partnerhub.deal.Deals;
import io.partnerhub.partner.Partners;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.ProblemException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/** Deals: a partner registers and follows its own; operators decide the pending ones, by deadline. */
@Controller
@PortalPage
class DealPages {

    private final Deals deals;
    private final Partners partners;

    DealPages(Deals deals, Partners partners) {
        this.deals = deals;
        this.partners = partners;
    }

    @GetMapping("/portal/partners/{id}/deals")
    String partnerDeals(@ModelAttribute("me") SignedIn me, @PathVariable long id, Model model) {
        model.addAttribute("partner", partners.find(me.caller(), id));
        model.addAttribute("deals", deals.list(me.caller(), id, null, 200, 0));
        return "deals";
    }

    /** Registers a deal; the outcome (pending, approved, or rejected with the rule's reason) shows on the page. */
    @PostMapping("/portal/partners/{id}/deals")
    String register(@ModelAttribute("me") SignedIn me, @PathVariable long id, @RequestParam String customerTaxId,
                    @RequestParam String customerName, @RequestParam String title,
                    @RequestParam(required = false) String expectedMonthlyAmount,
                    @RequestParam(required = false) String customerDomain, Model model, RedirectAttributes flash) {
        try {
            BigDecimal amount = expectedMonthlyAmount == null || expectedMonthlyAmount.isBlank() ? null
                    : new BigDecimal(expectedMonthlyAmount.strip().replace(" ", "").replace(',', '.'));
            Deal deal = deals.register(me.caller(), new Deals.Registration(id, customerTaxId, customerName, title,
                    amount, null, null, blankToNull(customerDomain), null, null, null));
            flash.addAttribute("registered", deal.id());
            return "redirect:/portal/partners/" + id + "/deals";
        } catch (NumberFormatException e) {
            model.addAttribute("error", "an amount like 150000.00");
            model.addAttribute("errorField", "expectedMonthlyAmount");
        } catch (ProblemException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorField", e.errors().isEmpty() ? null : e.errors().getFirst().field());
        }
        return partnerDeals(me, id, model);
    }

    @GetMapping("/console/deals")
    String queue(@ModelAttribute("me") SignedIn me, Model model) {
        operatorOnly(me);
        List<Deal> pending = deals.list(me.caller(), null, DealStatus.PENDING, 500, 0).stream()
                .sorted(Comparator.comparing(Deal::approvalDeadline, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Deal::id))
                .toList();
        model.addAttribute("deals", pending);
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
            flash.addAttribute("refused", "deal " + dealId + ": " + e.getMessage());
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
            flash.addAttribute("refused", "deal " + dealId + ": " + e.getMessage());
        }
        return "redirect:/console/deals";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static void operatorOnly(SignedIn me) {
        if (!me.operator()) {
            throw new NotFound("page", "/console/deals");
        }
    }
}
