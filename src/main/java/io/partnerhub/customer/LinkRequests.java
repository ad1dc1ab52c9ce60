package io.partnerhub.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.partnerhub.event.Events;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;
import io.partnerhub.shared.Tokens;

/**
 * Links and transfers a partner asks for that count only once the customer consents. The request
 * is stored with a one-time token (only its SHA-256 is kept); the token goes to the customer's
 * contact on record through the {@link Outbox}, never to the partner, so the party that asked can
 * never confirm. Without a contact the partner does not control, an operator confirms after
 * checking the customer's signed consent. The link then starts on the day of the confirmation, or
 * on the day asked for if later. A request is valid for {@link #VALID_FOR}; asking again replaces it.
 */
@Service
class LinkRequests {

    /** How long a confirmation link can be used (docs/lifecycle.md). */
    static final Duration VALID_FOR = Duration.ofDays(30);
    static final String CONFIRMATION_PATH = "/api/v1/consents/";

    enum Kind { LINK, TRANSFER }

    private final JdbcClient jdbc;
    private final Links links;
    private final Transfers transfers;
    private final Partners partners;
    private final ProgramCatalog programs;
    private final CustomerContacts contacts;
    private final Outbox outbox;
    private final Events events;
    private final Today today;

    LinkRequests(JdbcClient jdbc, Links links, Transfers transfers, Partners partners, ProgramCatalog programs,
                 CustomerContacts contacts, Outbox outbox, Events events, Today today) {
        this.jdbc = jdbc;
        this.links = links;
        this.transfers = transfers;
        this.partners = partners;
        this.programs = programs;
        this.contacts = contacts;
        this.outbox = outbox;
        this.events = events;
        this.today = today;
    }

    /**
     * A stored request; {@code status} as stored: PENDING, CONFIRMED or CANCELLED. {@code customerId}
     * is the customer named or, for a request by facts, the one they matched (null: none).
     */
    private record Request(long id, long partnerId, Long customerId, boolean byFacts, String taxId, String accountId,
                           Kind kind, LocalDate from, LocalDate to, String referralReward, Instant expiresAt,
                           String status, Long linkId, Instant decidedAt, String cancelledReason, String confirmedBy,
                           Instant createdAt) {

        boolean expiredAt(Instant now) {
            return "PENDING".equals(status) && !expiresAt.isAfter(now);
        }
    }

    /**
     * A request as the partner (or an operator) lists it: {@code status} is PENDING, EXPIRED,
     * CONFIRMED or CANCELLED (with {@code cancelledReason}). A request by facts names its customer
     * to the partner only once confirmed.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RequestView(long id, String kind, long partnerId, Long customerId, String taxId, String accountId,
                       LocalDate from, LocalDate to, String referralReward, String status, Instant expiresAt,
                       Long linkId, Instant decidedAt, String cancelledReason, String confirmedBy, Instant createdAt) {
    }

    /** What the customer is asked to accept, shown at the confirmation link. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ConsentView(String status, String kind, String program, String partnerName, String customerName,
                       LocalDate from, LocalDate to, Instant expiresAt, Link link) {
    }

    /** The answer to a confirmation; {@code alreadyConfirmed} on a second one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Confirmation(String status, boolean alreadyConfirmed, String partnerName, String customerName,
                        String confirmedBy, Link link) {
    }

    /** Facts a partner states about a customer it cannot name by id. */
    record StatedFacts(String taxId, String accountId) {
    }

    /**
     * Stores a request for the partner to hold the customer from {@code from}: a new link
     * ({@link Kind#LINK}, checked like any link now and again on confirmation) or a transfer from the
     * partner holding it that day ({@link Kind#TRANSFER}). An earlier open request of the partner for
     * the customer is cancelled. The confirmation link goes to the customer's contact, if any.
     */
    PendingLink request(String actor, Partner partner, long customerId, Kind kind, LocalDate from, LocalDate to,
                        String referralReward) {
        if (kind == Kind.LINK) {
            links.refuseInvalid(partner, customerId, from, to);
        } else {
            transfers.refuseInvalid(partner, customerId, from);
        }
        cancelOpen(actor, partner.id(), customerId, "replaced by a newer request");
        String reward = referralReward == null ? "MONTHLY" : referralReward;
        Stored stored = store(actor, partner, customerId, null, kind, from, to, reward);
        events.record(actor, partner.id(), "link.requested", "link-request/" + stored.id(), "Partner " + partner.id()
                        + " asked customer " + customerId + " to accept " + (kind == Kind.LINK ? "a link" : "a transfer")
                        + " from " + from + "; the request expires " + stored.expiresAt(),
                Map.of("requestId", stored.id(), "customerId", customerId, "kind", kind, "from", from,
                        "expiresAt", stored.expiresAt()));
        boolean sent = sendToContact(partner, customerId, kind, stored);
        return new PendingLink("ACCEPTANCE_REQUIRED", stored.id(), kind.name(), partner.id(), customerId, from, to,
                reward, sent ? "CUSTOMER_CONTACT" : "OPERATOR", stored.expiresAt());
    }

    /** A stored request's id, token and expiry, and for a request by facts the customer they matched (or null). */
    record Stored(long id, String token, Instant expiresAt, Long matchedCustomerId) {
    }

    /** Inserts a pending request naming the customer ({@code customerId}) or the facts stated (then matched or not). */
    Stored store(String actor, Partner partner, Long customerId, StatedFacts facts, Kind kind, LocalDate from,
                 LocalDate to, String reward) {
        String token = Tokens.generate("cs_");
        Instant expiresAt = today.now().plus(VALID_FOR);
        Long matched = facts == null ? null : jdbc.sql(
                        "select id from customer where account_id = :account and tax_id = :tax")
                .param("account", facts.accountId()).param("tax", facts.taxId()).query(Long.class).optional().orElse(null);
        long id = jdbc.sql("""
                        insert into link_request (partner_id, customer_id, matched_customer_id, stated_tax_id,
                                                  stated_account_id, kind, requested_from, requested_to,
                                                  referral_reward, token_hash, expires_at, created_by)
                        values (:partner, :customer, :matched, :tax, :account, :kind, :from, :to, :reward, :hash,
                                :expires, :by)
                        returning id""")
                .param("partner", partner.id()).param("customer", customerId).param("matched", matched)
                .param("tax", facts == null ? null : facts.taxId())
                .param("account", facts == null ? null : facts.accountId()).param("kind", kind.name())
                .param("from", from).param("to", to).param("reward", reward).param("hash", Tokens.hash(token))
                .param("expires", Timestamp.from(expiresAt)).param("by", actor)
                .query(Long.class).single();
        return new Stored(id, token, expiresAt, matched);
    }

    /** Puts the confirmation link into the outbox for the customer's contact, if it has one the partner does not control. */
    boolean sendToContact(Partner partner, long customerId, Kind kind, Stored stored) {
        Optional<String> contact = contacts.channelFor(customerId, partner.id());
        contact.ifPresent(to -> outbox.askToConfirm(to, stored.id(), kind.name(), partner.name(),
                customerName(customerId), CONFIRMATION_PATH + stored.token(), stored.expiresAt()));
        return contact.isPresent();
    }

    /** What the confirmation link asks the customer to accept; 404 unknown, 410 expired or withdrawn. */
    ConsentView show(String token) {
        Request r = usable(find(token, false));
        Link link = r.linkId() == null ? null : links.find(r.linkId()).orElse(null);
        Partner partner = partner(r.partnerId());
        return new ConsentView("CONFIRMED".equals(r.status()) ? "CONFIRMED" : "PENDING", r.kind().name(),
                programs.find(partner.programId()).orElseThrow().name(), partner.name(), customerName(r.customerId()),
                r.from(), r.to(), r.expiresAt(), link);
    }

    /** The customer accepts through the link its contact received; consent is given that day. */
    @Transactional
    Confirmation confirm(String token) {
        Request r = usable(find(token, true));
        return confirm(r, "customer", "customer:request/" + r.id(), today.date(), null);
    }

    /**
     * An operator confirms a pending request after checking the customer's signed consent of
     * {@code consentObtainedOn} (not in the future); {@code note} says what was checked.
     */
    @Transactional
    Confirmation confirmByOperator(Caller caller, long id, LocalDate consentObtainedOn, String note) {
        caller.requireOperator("confirm a customer's consent");
        if (consentObtainedOn.isAfter(today.date())) {
            throw RuleViolation.of("consentObtainedOn", "cannot be in the future (today is " + today.date() + ")");
        }
        Optional<Request> found = jdbc.sql("select * from link_request where id = :id for update").param("id", id)
                .query(LinkRequests::request).optional();
        if (found.isEmpty()) {
            throw new NotFound("link request", id);
        }
        Request r = usable(found);
        if (r.customerId() == null) {
            throw RuleViolation.of("id", "no customer has the tax id " + r.taxId() + " and the account "
                    + r.accountId() + " the partner stated; nothing can be confirmed");
        }
        return confirm(r, caller.name(), caller.name(), consentObtainedOn, note);
    }

    /**
     * The link starts on the later of today and the day asked for (a transfer ends the current
     * holder's link that day). Confirming again answers the same link.
     */
    private Confirmation confirm(Request r, String confirmedBy, String actor, LocalDate consentOn, String note) {
        Partner partner = partner(r.partnerId());
        String customerName = customerName(r.customerId());
        if ("CONFIRMED".equals(r.status())) {
            return new Confirmation("CONFIRMED", true, partner.name(), customerName, r.confirmedBy(),
                    links.find(r.linkId()).orElse(null));
        }
        LocalDate day = today.date();
        LocalDate start = r.from().isAfter(day) ? r.from() : day;
        if (r.to() != null && !start.isBefore(r.to())) {
            throw RuleViolation.of("token", "the link was asked for until " + r.to() + ", which has passed: nothing is"
                    + " left to accept; the partner can ask again");
        }
        Link link = startLink(actor, partner, r, start, consentOn);
        jdbc.sql("""
                        update link_request set status = 'CONFIRMED', customer_id = :customer, link_id = :link,
                               decided_at = :at, confirmed_by = :by, consent_obtained_on = :consent,
                               confirmation_note = :note
                         where id = :id""")
                .param("customer", r.customerId()).param("link", link.id()).param("at", Timestamp.from(today.now()))
                .param("by", confirmedBy).param("consent", consentOn).param("note", note).param("id", r.id()).update();
        events.record(actor, partner.id(), "consent.confirmed", "link-request/" + r.id(), "Customer " + r.customerId()
                        + " accepted " + (r.kind() == Kind.LINK ? "the link" : "the transfer") + " to partner "
                        + partner.id() + " (confirmed by " + confirmedBy + "); linked from " + link.from(),
                Map.of("requestId", r.id(), "customerId", r.customerId(), "linkId", link.id(), "from", link.from(),
                        "kind", r.kind(), "confirmedBy", confirmedBy));
        return new Confirmation("CONFIRMED", false, partner.name(), customerName, confirmedBy, link);
    }

    private Link startLink(String actor, Partner partner, Request r, LocalDate start, LocalDate consentOn) {
        Links.Terms terms = new Links.Terms(r.referralReward(), consentOn, r.id());
        if (r.kind() == Kind.TRANSFER) {
            if (links.on(r.customerId(), start).isPresent()) {
                return transfers.move(actor, r.customerId(), partner, start, terms).newLink();
            }
        }
        return links.insert(actor, partner, r.customerId(), start, r.to(), terms);
    }

    /** The partner's requests, newest first, without their tokens; a request by facts names no customer until confirmed. */
    List<RequestView> ofPartner(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return views(jdbc.sql("select * from link_request where partner_id = :partner order by id desc")
                .param("partner", partnerId).query(LinkRequests::request).list(), caller.isOperator());
    }

    /** Every pending request, oldest first (operator): what waits for a customer or for an operator. */
    List<RequestView> pending(Caller caller) {
        caller.requireOperator("list the requests awaiting confirmation");
        return views(jdbc.sql("select * from link_request where status = 'PENDING' order by id")
                .query(LinkRequests::request).list(), true);
    }

    private List<RequestView> views(List<Request> requests, boolean operator) {
        Instant now = today.now();
        return requests.stream()
                .map(r -> new RequestView(r.id(), r.kind().name(), r.partnerId(),
                        operator || !r.byFacts() || "CONFIRMED".equals(r.status()) ? r.customerId() : null, r.taxId(),
                        r.accountId(), r.from(), r.to(), r.referralReward(), r.expiredAt(now) ? "EXPIRED" : r.status(),
                        r.expiresAt(), r.linkId(), r.decidedAt(), r.cancelledReason(), r.confirmedBy(), r.createdAt()))
                .toList();
    }

    /**
     * Withdraws the partner's open requests (for one customer, named or matched, or all when
     * {@code customerId} is null), so their links answer 410. Returns how many.
     */
    int cancelOpen(String actor, long partnerId, Long customerId, String reason) {
        List<Long> cancelled = jdbc.sql("""
                        update link_request set status = 'CANCELLED', cancelled_reason = :reason, decided_at = :at
                         where partner_id = :partner and status = 'PENDING'
                           and (cast(:customer as bigint) is null or customer_id = :customer
                                or matched_customer_id = :customer)
                        returning id""")
                .param("reason", reason).param("at", Timestamp.from(today.now())).param("partner", partnerId)
                .param("customer", customerId).query(Long.class).list();
        recordCancelled(actor, partnerId, cancelled, reason);
        return cancelled.size();
    }

    /** Withdraws the partner's open requests by the same stated facts: asking again replaces them. */
    void cancelOpenByFacts(String actor, long partnerId, StatedFacts facts) {
        String reason = "replaced by a newer request";
        List<Long> cancelled = jdbc.sql("""
                        update link_request set status = 'CANCELLED', cancelled_reason = :reason, decided_at = :at
                         where partner_id = :partner and status = 'PENDING' and customer_id is null
                           and stated_tax_id = :tax and stated_account_id = :account
                        returning id""")
                .param("reason", reason).param("at", Timestamp.from(today.now())).param("partner", partnerId)
                .param("tax", facts.taxId()).param("account", facts.accountId()).query(Long.class).list();
        recordCancelled(actor, partnerId, cancelled, reason);
    }

    private void recordCancelled(String actor, long partnerId, List<Long> cancelled, String reason) {
        for (long id : cancelled) {
            events.record(actor, partnerId, "link.request-cancelled", "link-request/" + id,
                    "Link request " + id + " withdrawn: " + reason, Map.of("requestId", id, "reason", reason));
        }
    }

    private Optional<Request> find(String token, boolean lock) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        return jdbc.sql("select * from link_request where token_hash = :hash" + (lock ? " for update" : ""))
                .param("hash", Tokens.hash(token)).query(LinkRequests::request).optional();
    }

    private Request usable(Optional<Request> found) {
        Request r = found.orElseThrow(() -> new NotFound("confirmation link", "with this token"));
        if ("CANCELLED".equals(r.status())) {
            throw new ConfirmationGone("This confirmation link was withdrawn: " + r.cancelledReason() + ".");
        }
        if (r.expiredAt(today.now())) {
            throw new ConfirmationGone("This confirmation link expired at " + r.expiresAt()
                    + "; the partner can send a new one.");
        }
        return r;
    }

    private Partner partner(long id) {
        return partners.find(new Caller.Operator("consent"), id);
    }

    private String customerName(Long customerId) {
        return customerId == null ? null : jdbc.sql("select name from customer where id = :id")
                .param("id", customerId).query(String.class).single();
    }

    private static Request request(ResultSet rs, int row) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        Long named = (Long) rs.getObject("customer_id");
        return new Request(rs.getLong("id"), rs.getLong("partner_id"),
                named != null ? named : (Long) rs.getObject("matched_customer_id"), rs.getString("stated_account_id") != null,
                rs.getString("stated_tax_id"), rs.getString("stated_account_id"),
                Kind.valueOf(rs.getString("kind")), rs.getObject("requested_from", LocalDate.class),
                rs.getObject("requested_to", LocalDate.class), rs.getString("referral_reward"),
                rs.getTimestamp("expires_at").toInstant(), rs.getString("status"), (Long) rs.getObject("link_id"),
                decided == null ? null : decided.toInstant(), rs.getString("cancelled_reason"),
                rs.getString("confirmed_by"), rs.getTimestamp("created_at").toInstant());
    }
}
