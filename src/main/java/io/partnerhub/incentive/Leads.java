package io.partnerhub.incentive;

import static io.partnerhub.incentive.IncentiveEvents.data;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.partnerhub.incentive.IncentiveEvents.Type;
import io.partnerhub.partner.Specializations;
import io.partnerhub.program.IncentiveRule;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;

/**
 * Warm leads (Oblakoteka, seed 002 footnote 4): the provider passes a prospect to a partner that
 * declared the lead's specialization. One partner holds the offer at a time, for the program's
 * answer time in business days; a decline or silence passes it on. The next partner is chosen
 * fairly: of the holders on the day not offered this lead before, the one offered the fewest leads
 * so far, ties by partner id. A lead is CONVERTED once the partner that accepted it registers a
 * deal for the lead's customer on or after the day it accepted (read from the deal feature's view,
 * never stored).
 */
@Service
public class Leads {

    /**
     * What a lead is: OFFERED, ACCEPTED (CONVERTED once its deal is registered) or UNASSIGNED (no
     * holder left). A partner whose offer ended sees that offer's end instead: DECLINED or EXPIRED.
     */
    @Schema(name = "LeadStatus")
    public enum Status { OFFERED, ACCEPTED, CONVERTED, UNASSIGNED, DECLINED, EXPIRED }

    /** One offer of a lead to a partner; {@code outcome} null while the partner may still answer. */
    public record Offer(long partnerId, LocalDate offeredOn, LocalDate answerBy, String outcome, LocalDate answeredOn,
                        String declineReason) {
    }

    /**
     * A lead as the caller may see it: an operator sees every offer, a partner only its own, and
     * the contact only while the lead is offered to it or accepted by it.
     *
     * @param offeredTo       the partner holding the lead now (its offer open or accepted); null otherwise
     * @param answerBy        the last day that partner may answer
     * @param convertedByDeal the accepting partner's deal for the lead's customer, once registered
     */
    public record Lead(long id, String programId, String company, String taxId, String specialization, String contact,
                       LocalDate receivedOn, Status status, Long offeredTo, LocalDate answerBy, Long convertedByDeal,
                       List<Offer> offers) {
    }

    private final JdbcClient jdbc;
    private final ProgramCatalog programs;
    private final Specializations specializations;
    private final Today today;
    private final IncentiveEvents events;

    Leads(JdbcClient jdbc, ProgramCatalog programs, Specializations specializations, Today today,
          IncentiveEvents events) {
        this.jdbc = jdbc;
        this.programs = programs;
        this.specializations = specializations;
        this.today = today;
        this.events = events;
    }

    /** The operator passes a lead received on {@code receivedOn} (default today); it goes to the first holder at once. */
    @Transactional
    public Lead pass(Caller caller, String programId, String company, String taxId, String specialization,
                     String contact, LocalDate receivedOn) {
        caller.requireOperator("pass warm leads");
        LocalDate day = receivedOn == null ? today.date() : receivedOn;
        if (day.isAfter(today.date())) {
            throw RuleViolation.of("receivedOn", "a lead is received on a day that has come (" + day
                    + " is after today, " + today.date() + ")");
        }
        Program program = programs.find(programId).orElseThrow(() -> RuleViolation.of("programId",
                "no program '" + programId + "'"));
        String name = specialization.strip();
        String subject = "program/" + programId;
        Optional<ProgramVersion> terms = program.versionOn(day);
        if (terms.flatMap(t -> t.incentive(IncentiveRule.WarmLeads.class)).isEmpty()) {
            throw events.refused(caller.name(), null, Type.LEAD_REFUSED, subject, RuleViolation.of("programId",
                    "warm leads are not offered by the program (" + program.name() + ")"), data("company", company));
        }
        List<String> declared = terms.get().declaredSpecializations();
        if (!declared.contains(name)) {
            throw events.refused(caller.name(), null, Type.LEAD_REFUSED, subject, RuleViolation.of("specialization",
                    "'" + name + "' is not a declared specialization of " + program.name() + "; one of " + declared),
                    data("company", company, "specialization", name));
        }
        lockOffers(programId);
        long id = jdbc.sql("""
                        insert into lead (program_id, company, tax_id, specialization, contact, received_on, created_by)
                        values (:program, :company, :taxId, :specialization, :contact, :day, :by) returning id""")
                .param("program", programId).param("company", company.strip())
                .param("taxId", taxId == null || taxId.isBlank() ? null : taxId.strip())
                .param("specialization", name).param("contact", contact.strip()).param("day", day)
                .param("by", caller.name()).query(Long.class).single();
        offerOn(stored(id), day, caller.name());
        return find(caller, id);
    }

    /** The partner the lead is offered to takes it. */
    @Transactional
    public Lead accept(Caller caller, long id) {
        StoredLead lead = answerable(caller, id, "accept");
        jdbc.sql("""
                        update lead_offer set outcome = 'ACCEPTED', answered_on = :on, answered_by = :by
                         where lead_id = :lead and partner_id = :partner and outcome is null""")
                .param("on", today.date()).param("by", caller.name()).param("lead", id)
                .param("partner", caller.partnerId()).update();
        jdbc.sql("update lead set status = 'ACCEPTED' where id = :id").param("id", id).update();
        events.record(caller.name(), caller.partnerId(), Type.LEAD_ACCEPTED, subject(id), "Warm lead " + id + " ("
                        + lead.company() + ", " + lead.specialization() + ") accepted on " + today.date(),
                data("company", lead.company(), "taxId", lead.taxId(), "acceptedOn", today.date()));
        return find(caller, id);
    }

    /** The partner the lead is offered to turns it down; it goes to the next holder at once. */
    @Transactional
    public Lead decline(Caller caller, long id, String reason) {
        StoredLead lead = answerable(caller, id, "decline");
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        jdbc.sql("""
                        update lead_offer set outcome = 'DECLINED', answered_on = :on, answered_by = :by, decline_reason = :why
                         where lead_id = :lead and partner_id = :partner and outcome is null""")
                .param("on", today.date()).param("by", caller.name()).param("why", why).param("lead", id)
                .param("partner", caller.partnerId()).update();
        events.record(caller.name(), caller.partnerId(), Type.LEAD_DECLINED, subject(id), "Warm lead " + id + " ("
                        + lead.company() + ", " + lead.specialization() + ") declined on " + today.date()
                        + (why == null ? "" : ": " + why), data("company", lead.company(), "reason", why));
        offerOn(lead, today.date(), caller.name());
        return find(caller, id);
    }

    /**
     * Offers left unanswered past their answer day, for the daily task: each expires and its lead
     * goes to the next holder, offered on {@code day}. Running again for a day changes nothing.
     */
    @Transactional
    public List<String> passOnUnanswered(LocalDate day) {
        List<String> changes = new ArrayList<>();
        for (String programId : jdbc.sql("select distinct program_id from lead where status = 'OFFERED' order by 1")
                .query(String.class).list()) {
            lockOffers(programId);
        }
        record Silent(long leadId, long partnerId, LocalDate answerBy) {
        }
        List<Silent> silent = jdbc.sql("""
                        update lead_offer set outcome = 'EXPIRED', answered_on = :day, answered_by = :by
                         where outcome is null and answer_by < :day
                        returning lead_id, partner_id, answer_by""")
                .param("day", day).param("by", SYSTEM)
                .query((rs, i) -> new Silent(rs.getLong("lead_id"), rs.getLong("partner_id"),
                        rs.getObject("answer_by", LocalDate.class))).list();
        for (Silent s : silent.stream().sorted(Comparator.comparingLong(Silent::leadId)).toList()) {
            StoredLead lead = stored(s.leadId());
            events.record(SYSTEM, s.partnerId(), Type.LEAD_EXPIRED, subject(lead.id()), "Warm lead " + lead.id() + " ("
                            + lead.company() + ", " + lead.specialization() + ") offered to partner " + s.partnerId()
                            + " expired unanswered: the answer was due by " + s.answerBy(),
                    data("answerBy", s.answerBy(), "expiredOn", day));
            changes.add("Warm lead " + lead.id() + " expired at partner " + s.partnerId() + " (answer due by "
                    + s.answerBy() + "); " + offerOn(lead, day, SYSTEM));
        }
        return changes;
    }

    static final String SYSTEM = "system";

    /** Which leads to list; null fields do not filter. */
    public record Filter(Status status, Long partnerId, int limit, int offset) {
    }

    /**
     * Leads, newest first: an operator sees every lead (with {@code partnerId}: those ever offered
     * to that partner) and its offers; a partner sees the leads offered to it, now or before, and
     * only its own offer of each.
     */
    public List<Lead> leads(Caller caller, Filter f) {
        Long partner = caller.isOperator() ? f.partnerId() : caller.partnerId();
        List<StoredLead> stored = jdbc.sql("""
                        select * from lead l
                         where cast(:partner as bigint) is null
                            or exists (select 1 from lead_offer o where o.lead_id = l.id and o.partner_id = :partner)
                         order by id desc""")
                .param("partner", partner).query(Leads::stored).list();
        return shown(caller, stored).stream()
                .filter(lead -> f.status() == null || lead.status() == f.status())
                .skip(f.offset()).limit(f.limit()).toList();
    }

    public Lead find(Caller caller, long id) {
        StoredLead lead = jdbc.sql("select * from lead where id = :id").param("id", id).query(Leads::stored)
                .optional().orElseThrow(() -> new NotFound("lead", id));
        List<Lead> shown = shown(caller, List.of(lead));
        if (shown.isEmpty()) {
            throw new NotFound("lead", id);
        }
        return shown.getFirst();
    }

    // ---- offering

    private record StoredLead(long id, String programId, String company, String taxId, String specialization,
                              String contact, LocalDate receivedOn, String status) {
    }

    /** Offers the lead on {@code day} to the fairest holder not offered it before, or leaves it UNASSIGNED. */
    private String offerOn(StoredLead lead, LocalDate day, String actor) {
        Program program = programs.find(lead.programId()).orElseThrow();
        Optional<IncentiveRule.WarmLeads> rule = program.versionOn(day)
                .flatMap(terms -> terms.incentive(IncentiveRule.WarmLeads.class));
        Set<Long> offeredBefore = jdbc.sql("select partner_id from lead_offer where lead_id = :lead")
                .param("lead", lead.id()).query(Long.class).set();
        List<Long> candidates = rule.isEmpty() ? List.of()
                : specializations.leadHolders(lead.programId(), lead.specialization(), day).stream()
                .filter(holder -> rule.get().offeredTo(holder.model(), holder.tier()))
                .map(Specializations.LeadHolder::partnerId)
                .filter(partner -> !offeredBefore.contains(partner)).toList();
        Optional<Long> next = fairest(candidates);
        if (next.isEmpty()) {
            jdbc.sql("update lead set status = 'UNASSIGNED' where id = :id").param("id", lead.id()).update();
            String summary = "Warm lead " + lead.id() + " (" + lead.company() + ", " + lead.specialization()
                    + ") is unassigned: no partner of " + program.name() + " not offered it before holds '"
                    + lead.specialization() + "' on " + day;
            events.record(actor, null, Type.LEAD_UNASSIGNED, subject(lead.id()), summary,
                    data("specialization", lead.specialization(), "on", day));
            return summary;
        }
        LocalDate answerBy = program.calendar().plusBusinessDays(day, rule.get().answerBusinessDays());
        jdbc.sql("""
                        insert into lead_offer (lead_id, partner_id, offered_on, answer_by)
                        values (:lead, :partner, :day, :answerBy)""")
                .param("lead", lead.id()).param("partner", next.get()).param("day", day).param("answerBy", answerBy)
                .update();
        jdbc.sql("update lead set status = 'OFFERED' where id = :id").param("id", lead.id()).update();
        String summary = "Warm lead " + lead.id() + " (" + lead.company() + ", " + lead.specialization()
                + ") offered to partner " + next.get() + " on " + day + ", answer due by " + answerBy;
        events.record(actor, next.get(), Type.LEAD_OFFERED, subject(lead.id()), summary,
                data("company", lead.company(), "specialization", lead.specialization(), "offeredOn", day,
                        "answerBy", answerBy));
        return summary;
    }

    /** The candidate offered the fewest leads so far; ties go to the lowest partner id. */
    private Optional<Long> fairest(List<Long> candidates) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Map<Long, Long> offers = new HashMap<>();
        jdbc.sql("""
                        select partner_id, count(*) as offers from lead_offer
                         where partner_id = any(:partners) group by partner_id""")
                .param("partners", candidates.toArray(Long[]::new))
                .query(rs -> {
                    offers.put(rs.getLong("partner_id"), rs.getLong("offers"));
                });
        return candidates.stream().min(Comparator.<Long>comparingLong(p -> offers.getOrDefault(p, 0L))
                .thenComparingLong(p -> p));
    }

    /** Offers of one program are made one at a time, so the fewest-offers count each reads is current. */
    private void lockOffers(String programId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('lead_offer'), hashtext(:program))")
                .param("program", programId).query().listOfRows();
    }

    /** The lead, locked, if the calling partner holds its open offer. */
    private StoredLead answerable(Caller caller, long id, String verb) {
        if (caller.isOperator()) {
            throw new OfferedPartnerOnly(verb);
        }
        StoredLead found = jdbc.sql("select * from lead where id = :id").param("id", id).query(Leads::stored)
                .optional().orElseThrow(() -> new NotFound("lead", id));
        lockOffers(found.programId());
        StoredLead lead = jdbc.sql("select * from lead where id = :id for update").param("id", id)
                .query(Leads::stored).single();
        Offer offer = jdbc.sql("select * from lead_offer where lead_id = :lead and partner_id = :partner")
                .param("lead", id).param("partner", caller.partnerId()).query(Leads::offer).optional()
                .orElseThrow(() -> new NotFound("lead", id));
        if (offer.outcome() != null) {
            throw new Conflict("Lead " + id + " was offered to partner " + caller.partnerId() + " on " + offer.offeredOn()
                    + " and that offer ended " + offer.answeredOn() + " (" + offer.outcome() + "); only an open offer is "
                    + verb + "ed.");
        }
        return lead;
    }

    // ---- reading

    private List<Lead> shown(Caller caller, List<StoredLead> leads) {
        if (leads.isEmpty()) {
            return List.of();
        }
        Long[] ids = leads.stream().map(StoredLead::id).toArray(Long[]::new);
        Map<Long, List<OfferRow>> offers = jdbc.sql("select * from lead_offer where lead_id = any(:ids) order by id")
                .param("ids", ids)
                .query((rs, i) -> new OfferRow(rs.getLong("lead_id"), offer(rs, i))).list().stream()
                .collect(Collectors.groupingBy(OfferRow::leadId));
        Map<Long, Long> deals = new HashMap<>();
        jdbc.sql("""
                        select o.lead_id, min(d.deal_id) as deal_id
                          from lead_offer o
                          join lead l on l.id = o.lead_id
                          join deal_lead_match_view d on d.partner_id = o.partner_id and d.registered_on >= o.answered_on
                               and (case when l.tax_id is not null then d.customer_tax_id = l.tax_id
                                         else d.customer_name_lower = lower(l.company) end)
                         where o.outcome = 'ACCEPTED' and o.lead_id = any(:ids)
                         group by o.lead_id""")
                .param("ids", ids)
                .query(rs -> {
                    deals.put(rs.getLong("lead_id"), rs.getLong("deal_id"));
                });
        List<Lead> shown = new ArrayList<>();
        for (StoredLead lead : leads) {
            List<Offer> all = offers.getOrDefault(lead.id(), List.of()).stream().map(OfferRow::offer).toList();
            Optional<Offer> current = all.stream().filter(o -> o.outcome() == null || "ACCEPTED".equals(o.outcome()))
                    .findFirst();
            Long deal = deals.get(lead.id());
            Status status = deal != null ? Status.CONVERTED : Status.valueOf(lead.status());
            if (caller.isOperator()) {
                shown.add(lead(lead, lead.contact(), status, current, deal, all));
                continue;
            }
            Optional<Offer> own = all.stream().filter(o -> o.partnerId() == caller.partnerId()).findFirst();
            if (own.isEmpty()) {
                continue;
            }
            boolean holds = own.get().outcome() == null || "ACCEPTED".equals(own.get().outcome());
            shown.add(holds ? lead(lead, lead.contact(), status, own, deal, List.of(own.get()))
                    : lead(lead, null, Status.valueOf(own.get().outcome()), Optional.empty(), null, List.of(own.get())));
        }
        return shown;
    }

    private static Lead lead(StoredLead lead, String contact, Status status, Optional<Offer> current, Long deal,
                             List<Offer> offers) {
        return new Lead(lead.id(), lead.programId(), lead.company(), lead.taxId(), lead.specialization(), contact,
                lead.receivedOn(), status, current.map(Offer::partnerId).orElse(null),
                current.map(Offer::answerBy).orElse(null), deal, offers);
    }

    private record OfferRow(long leadId, Offer offer) {
    }

    private static String subject(long id) {
        return "lead/" + id;
    }

    private static StoredLead stored(ResultSet rs, int row) throws SQLException {
        return new StoredLead(rs.getLong("id"), rs.getString("program_id"), rs.getString("company"),
                rs.getString("tax_id"), rs.getString("specialization"), rs.getString("contact"),
                rs.getObject("received_on", LocalDate.class), rs.getString("status"));
    }

    private StoredLead stored(long id) {
        return jdbc.sql("select * from lead where id = :id").param("id", id).query(Leads::stored).single();
    }

    private static Offer offer(ResultSet rs, int row) throws SQLException {
        return new Offer(rs.getLong("partner_id"), rs.getObject("offered_on", LocalDate.class),
                rs.getObject("answer_by", LocalDate.class), rs.getString("outcome"),
                rs.getObject("answered_on", LocalDate.class), rs.getString("decline_reason"));
    }
}
