package io.partnerhub.portal;

import io.partnerhub.ledger.RebateLedger;
import io.partnerhub.partner.Partners;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.PeriodInput;
import io.partnerhub.shared.ProblemException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.partnerhub.shared.Today;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

import java.math.BigDecimal;
import java.time.YearMonth;

/** A partner's rebate balance: its entries, and withdrawals to Bonus or the bank account. */
@Controller
@PortalPage
class BalancePages {

    private final RebateLedger ledger;
    private final Partners partners;
    private final PeriodInput periods;

    private final Today today;
    private final MessageSource messages;

    BalancePages(RebateLedger ledger, Partners partners, PeriodInput periods, Today today, MessageSource messages) {
        this.today = today;
        this.messages = messages;
        this.periods = periods;
        this.ledger = ledger;
        this.partners = partners;
    }

    @GetMapping("/portal/partners/{id}/balance")
    String balance(@ModelAttribute("me") SignedIn me, @PathVariable long id, Model model) {
        moneyOnly(me, id);
        model.addAttribute("partner", partners.find(me.caller(), id));
        model.addAttribute("balance", ledger.balance(me.caller(), id, LocaleContextHolder.getLocale()));
        // the month a withdrawal to Bonus goes to when none is typed (RebateLedger.withdraw)
        model.addAttribute("openMonth", YearMonth.from(today.date()).toString());
        return "balance";
    }

    /** Withdraws; a refusal comes back next to the field it concerns, the form keeps what was typed. */
    @PostMapping("/portal/partners/{id}/balance/withdrawals")
    String withdraw(@ModelAttribute("me") SignedIn me, @PathVariable long id, @RequestParam String amount,
                    @RequestParam String destination, @RequestParam(required = false) String period,
                    Model model, RedirectAttributes flash) {
        moneyOnly(me, id);
        String field = "amount";
        try {
            BigDecimal value = new BigDecimal(amount.strip().replace(" ", "").replace("\u00A0", "")
                    .replace(',', '.'));
            field = "period";
            YearMonth month = period == null || period.isBlank() ? null : periods.period("period", period);
            field = "destination";
            RebateLedger.Destination to = RebateLedger.Destination.valueOf(destination);
            field = "amount";
            ledger.withdraw(me.caller(), id, value, to, month);
            flash.addAttribute("withdrawn", value.toPlainString());
            return "redirect:/portal/partners/" + id + "/balance";
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", messages.getMessage(field.equals("amount") ? "balance.error.amount"
                    : "balance.error.destination", null, LocaleContextHolder.getLocale()));
        } catch (ProblemException e) {
            model.addAttribute("error", e.getMessage());
            if (!e.errors().isEmpty()) {
                field = e.errors().getFirst().field();
            }
        }
        model.addAttribute("errorField", field);
        model.addAttribute("amount", amount);
        model.addAttribute("destination", destination);
        model.addAttribute("period", period);
        return balance(me, id, model);
    }

    /** The balance is money: never shown to sales people. */
    private static void moneyOnly(SignedIn me, long id) {
        if (!me.seesMoney()) {
            throw new NotFound("balance of partner", id);
        }
    }
}
