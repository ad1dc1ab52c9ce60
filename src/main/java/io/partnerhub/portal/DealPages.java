package io.partnerhub.portal;

import io.partnerhub.deal.Deal;
import io.partnerhub.deal.DealRefusal;
import io.partnerhub.deal.WordedRefusal;
import io.partnerhub.deal.DealStage;
import io.partnerhub.deal.DealTracking;
import io.partnerhub.deal.Deals;
import io.partnerhub.deal.LostReason;
import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.Formats;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.ProblemException;
import io.partnerhub.shared.Today;
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
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A partner's deals: the list with the registration form, and each deal's page, where the partner
 * moves its pipeline and keeps notes. Operators may open any partner's.
 */
@Controller
@PortalPage
class DealPages {

    private static final int NOTE_MAX = 4000;
    private static final Set<String> REGISTRATION_FIELDS = Set.of("customerTaxId", "customerName", "title",
            "expectedMonthlyAmount", "customerDomain");

    private final Deals deals;
    private final DealTracking tracking;
    private final Partners partners;

    private final Actors actors;

    DealPages(Deals deals, DealTracking tracking, Partners partners, Actors actors) {
        this.actors = actors;
        this.deals = deals;
        this.tracking = tracking;
        this.partners = partners;
    }

    /**
     * One line of a deal's activity log, its time in Moscow time like the rest of the platform's days;
     * {@code textKey}, where set, is shown instead of the text (an approval for someone who never
     * sees discounts).
     */
    record ActivityRow(String at, String actor, String kind, String text, String textKey) {
    }

    @GetMapping("/portal/partners/{id}/deals")
    String partnerDeals(@ModelAttribute("me") SignedIn me, @PathVariable long id, Model model) {
        model.addAttribute("partner", partners.find(me.caller(), id));
        model.addAttribute("deals", deals.list(me.caller(), id, null, 200, 0).stream()
                .map(deal -> deal.in(LocaleContextHolder.getLocale())).toList());
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
            model.addAttribute("errorKey", "deals.invalid.expectedMonthlyAmount");
            model.addAttribute("errorField", "expectedMonthlyAmount");
        } catch (NotFound e) {
            throw e;
        } catch (Conflict e) {
            // the partner already holds a deal for the tax id: said next to that field
            model.addAttribute("errorKey", "deals.alreadyHeld");
            model.addAttribute("errorField", "customerTaxId");
        } catch (DealRefusal e) {
            // the deal desk's own refusal, in the reader's language
            model.addAttribute("error", e.in(LocaleContextHolder.getLocale()));
            model.addAttribute("errorField", REGISTRATION_FIELDS.contains(e.field()) ? e.field() : null);
        } catch (ProblemException e) {
            String field = e.errors().isEmpty() ? null : e.errors().getFirst().field();
            model.addAttribute("error", e.getMessage());
            // a field the form does not have (registeredOn) is shown with the form as a whole
            model.addAttribute("errorField", field != null && REGISTRATION_FIELDS.contains(field) ? field : null);
        }
        return partnerDeals(me, id, model);
    }

    /** The deal's page: its decision and dates, the pipeline with the moves it allows, the activity log. */
    @GetMapping("/portal/partners/{id}/deals/{dealId}")
    String deal(@ModelAttribute("me") SignedIn me, @PathVariable long id, @PathVariable long dealId, Model model) {
        Deal deal = dealOf(me, id, dealId);
        model.addAttribute("partner", partners.find(me.caller(), id));
        model.addAttribute("deal", deal.in(LocaleContextHolder.getLocale()));
        model.addAttribute("decidedOn", deal.decidedAt() == null ? null : LocalDate.ofInstant(deal.decidedAt(), Today.ZONE));
        model.addAttribute("protection", tracking.protection(me.caller(), dealId));
        model.addAttribute("moves", Arrays.stream(DealStage.values()).filter(deal.stage()::canMoveTo).toList());
        model.addAttribute("lostReasons", LostReason.values());
        model.addAttribute("activities", tracking.activities(me.caller(), dealId, LocaleContextHolder.getLocale()).stream()
                .map(a -> new ActivityRow(Formats.of(LocaleContextHolder.getLocale()).dateTime(a.at()),
                        actors.name(me.caller(), a.actor(), LocaleContextHolder.getLocale()), a.kind(), a.text(),
                        a.namesDiscount() && !me.seesMoney() ? "deals.activity.approvedDiscountHidden" : null))
                .toList());
        return "deal";
    }

    /** Moves the pipeline; a refusal comes back next to its field, with what was chosen kept. */
    @PostMapping("/portal/partners/{id}/deals/{dealId}/stage")
    String changeStage(@ModelAttribute("me") SignedIn me, @PathVariable long id, @PathVariable long dealId,
                       @RequestParam(required = false) String stage, @RequestParam(required = false) String lostReason,
                       @RequestParam(required = false) String note, Model model, RedirectAttributes flash) {
        dealOf(me, id, dealId);
        DealStage next = parse(DealStage.class, stage);
        LostReason why = parse(LostReason.class, lostReason);
        if (next == null) {
            refused(model, "stage", "deals.deal.stageRequired", null);
        } else if (next == DealStage.LOST && why == null) {
            // the rule is the pipeline's; checked here too so the person reads it in their language
            refused(model, "lostReason", "deals.deal.lostReasonRequired", null);
        } else if (next != DealStage.LOST && why != null) {
            refused(model, "lostReason", "deals.deal.lostReasonOnlyWhenLost", null);
        } else if (why == LostReason.OTHER && (note == null || note.isBlank())) {
            refused(model, "stageNote", "deals.deal.otherNeedsNote", null);
        } else {
            try {
                tracking.changeStage(me.caller(), dealId, next, why, note);
                flash.addAttribute("moved", next.name());
                return "redirect:/portal/partners/" + id + "/deals/" + dealId;
            } catch (ProblemException e) {
                String field = e.errors().isEmpty() ? "stage" : e.errors().getFirst().field();
                refused(model, field.equals("note") ? "stageNote" : field, null, e instanceof WordedRefusal worded
                        ? worded.in(LocaleContextHolder.getLocale()) : e.getMessage());
            }
        }
        model.addAttribute("chosenStage", stage);
        model.addAttribute("chosenReason", lostReason);
        model.addAttribute("stageNote", note);
        return deal(me, id, dealId, model);
    }

    /** Adds a note to the deal's activity log. */
    @PostMapping("/portal/partners/{id}/deals/{dealId}/notes")
    String addNote(@ModelAttribute("me") SignedIn me, @PathVariable long id, @PathVariable long dealId,
                   @RequestParam(required = false) String note, Model model, RedirectAttributes flash) {
        dealOf(me, id, dealId);
        if (note == null || note.isBlank()) {
            refused(model, "note", "deals.deal.noteRequired", null);
        } else if (note.strip().length() > NOTE_MAX) {
            refused(model, "note", "deals.deal.noteTooLong", null);
        } else {
            tracking.addNote(me.caller(), dealId, note);
            flash.addAttribute("noted", "1");
            return "redirect:/portal/partners/" + id + "/deals/" + dealId;
        }
        model.addAttribute("note", note);
        return deal(me, id, dealId, model);
    }

    /** The deal, if it is this partner's and the person may see it; otherwise the not-found page. */
    private Deal dealOf(SignedIn me, long partnerId, long dealId) {
        Deal deal = deals.find(me.caller(), dealId);
        if (deal.partnerId() != partnerId) {
            throw new NotFound("deal", dealId);
        }
        return deal;
    }

    /** A refusal for the page: a message key to show in the person's language, or the platform's own text. */
    private static void refused(Model model, String field, String key, String text) {
        model.addAttribute("errorField", field);
        model.addAttribute("errorKey", key);
        model.addAttribute("error", text);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        List<E> known = Arrays.asList(type.getEnumConstants());
        return known.stream().filter(e -> e.name().equals(value.strip())).findFirst().orElse(null);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
