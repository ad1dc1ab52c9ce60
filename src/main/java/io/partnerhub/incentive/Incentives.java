package io.partnerhub.incentive;

import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.IncentiveRule;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Today;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What a partner has of its incentives: what its program offers it today, what it used and has
 * left this quarter, its trials, free months, sandbox and bonuses. The incentive feature's read
 * API, for the API and the portal.
 */
@Service
public class Incentives {

    private final Partners partners;
    private final IncentiveTerms terms;
    private final BonusCodes codes;
    private final Trials trials;
    private final FreeMonths freeMonths;
    private final Sandboxes sandboxes;
    private final Bonuses bonuses;
    private final CoMarketing coMarketing;
    private final Leads leads;
    private final IncentiveEvents events;
    private final Today today;

    Incentives(Partners partners, IncentiveTerms terms, BonusCodes codes, Trials trials, FreeMonths freeMonths,
               Sandboxes sandboxes, Bonuses bonuses, CoMarketing coMarketing, Leads leads, IncentiveEvents events, Today today) {
        this.events = events;
        this.partners = partners;
        this.terms = terms;
        this.codes = codes;
        this.trials = trials;
        this.freeMonths = freeMonths;
        this.sandboxes = sandboxes;
        this.bonuses = bonuses;
        this.coMarketing = coMarketing;
        this.leads = leads;
        this.today = today;
    }

    /**
     * @param offered    the incentive kinds the partner may use today (BONUS_CODES, TRIAL, ..., the one-off
     *                   bonuses by their kind)
     * @param bonusCodes this quarter's quota, used and left; null where the program gives no codes
     * @param codes      the partner's codes, newest first
     * @param coMarketingEvents the partner's co-marketing requests, by date
     * @param leads      the warm leads offered to the partner, now or before
     */
    public record Overview(long partnerId, String programId, LocalDate asOf, String quarter, List<String> offered,
                           BonusCodes.Quota bonusCodes, List<BonusCodes.BonusCode> codes, List<Trials.Trial> trials,
                           List<FreeMonths.FreeMonth> freeMonths, Sandboxes.Sandbox sandbox, List<Bonuses.Bonus> bonuses,
                           List<CoMarketing.CoMarketingEvent> coMarketingEvents, List<Leads.Lead> leads) {
    }

    public Overview of(Caller caller, long partnerId) {
        Partner partner = partners.find(caller, partnerId);
        LocalDate day = today.date();
        return new Overview(partnerId, partner.programId(), day, Quarter.of(day).toString(), offered(partner, day),
                codes.quotaToday(partner).orElse(null), codes.of(caller, partnerId), trials.ofPartner(caller, partnerId),
                freeMonths.ofPartner(caller, partnerId), sandboxes.of(caller, partnerId).orElse(null),
                bonuses.of(caller, partnerId),
                coMarketing.events(caller, new CoMarketing.Filter(null, partnerId, null, 1000, 0)),
                leads.leads(caller, new Leads.Filter(null, partnerId, 1000, 0)));
    }

    /**
     * Issues a bonus code as {@link BonusCodes#issue} does, and records a refusal as the event
     * {@code bonus-code.refused} (the API's request and the portal's form alike).
     */
    public BonusCodes.BonusCode requestCode(Caller caller, long partnerId, java.math.BigDecimal amount) {
        return events.refusalsRecorded(caller, partnerId, "bonus-code", "partner/" + partnerId,
                () -> codes.issue(caller, partnerId, amount));
    }

    /** The kinds the partner's program offers to its model and tier today. */
    public List<String> offered(Partner partner, LocalDate day) {
        Optional<ProgramVersion> version = terms.program(partner).versionOn(day);
        return version.map(v -> v.incentives().stream()
                .filter(rule -> rule.offeredTo(partner.model(), partner.tier()))
                .map(rule -> rule instanceof IncentiveRule.OneOffBonus b ? b.bonus().name() : kind(rule))
                .toList()).orElse(List.of());
    }

    private static String kind(IncentiveRule rule) {
        return switch (rule) {
            case IncentiveRule.BonusCodes r -> "BONUS_CODES";
            case IncentiveRule.Trial r -> "TRIAL";
            case IncentiveRule.FreeMonths r -> "FREE_MONTHS";
            case IncentiveRule.Sandbox r -> "SANDBOX";
            case IncentiveRule.OneOffBonus r -> r.bonus().name();
            case IncentiveRule.CoMarketing r -> "CO_MARKETING";
            case IncentiveRule.WarmLeads r -> "WARM_LEADS";
        };
    }
}
