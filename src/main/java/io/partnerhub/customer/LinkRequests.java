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
 * Links a partner asks for where the program requires the customer's consent. The request is
 * stored with a one-time token (only its SHA-256 is kept) and counts for nothing until the
 * customer confirms it at {@code /api/v1/consents/{token}}: then the link starts on the day of the
 * confirmation, or on the day asked for if that is later. A request is valid for
 * {@link #VALID_FOR}; asking again for the same customer replaces it.
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
    private final Events events;
    private final Today today;

    LinkRequests(JdbcClient jdbc, Links links, Transfers transfers, Partners partners, ProgramCatalog programs,
                 Events events, Today today) {
        this.jdbc = jdbc;
        this.links = links;
        this.transfers = transfers;
        this.partners = partners;
        this.programs = programs;
        this.events = events;
        this.today = today;
    }

    /** A stored request; {@code status} as stored: PENDING, CONFIRMED or CANCELLED. */
    private record Request(long id, long partnerId, long customerId, Kind kind, LocalDate from, LocalDate to,
                           String referralReward, Instant expiresAt, String status, Long linkId, Instant decidedAt,
                           String cancelledReason, Instant createdAt) {

        boolean expiredAt(Instant now) {
            return "PENDING".equals(status) && !expiresAt.isAfter(now);
        }
    }

    /**
     * A request as the partner lists it: {@code status} is PENDING, EXPIRED, CONFIRMED or
     * CANCELLED (with {@code cancelledReason}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RequestView(long id, String kind, long partnerId, long customerId, LocalDate from, LocalDate to,
                       String referralReward, String status, Instant expiresAt, Long linkId, Instant decidedAt,
                       String cancelledReason, Instant createdAt) {
    }

    /** What the customer is asked to accept, shown at the confirmation link. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ConsentView(String status, String kind, String program, String partnerName, String customerName,
                       LocalDate from, LocalDate to, Instant expiresAt, Link link) {
    }

    /** The answer to a confirmation; {@code alreadyConfirmed} on a second one. */
    record Confirmation(String status, boolean alreadyConfirmed, String partnerName, String customerName, Link link) {
    }

    /**
     * Stores a request for the partner to hold the customer from {@code from}: a new link
     * ({@link Kind#LINK}, checked like any link now and again on confirmation) or a transfer from the
     * partner holding it that day ({@link Kind#TRANSFER}). An earlier open request of the partner for
     * the customer is cancelled. The token is in the answer's confirmation path and nowhere else.
     */
    PendingLink request(String actor, Partner partner, long customerId, Kind kind, LocalDate from, LocalDate to,
                        String referralReward) {
        if (kind == Kind.LINK) {
            links.refuseInvalid(partner, customerId, from, to);
        } else {
            transfers.refuseInvalid(partner, customerId, from);
        }
        cancelOpen(actor, partner.id(), customerId, "replaced by a newer request");
        String token = Tokens.generate("cs_");
        Instant expiresAt = today.now().plus(VALID_FOR);
        String reward = referralReward == null ? "MONTHLY" : referralReward;
        long id = jdbc.sql("""
                        insert into link_request (partner_id, customer_id, kind, requested_from, requested_to,
                                                  referral_reward, token_hash, expires_at, created_by)
                        values (:partner, :customer, :kind, :from, :to, :reward, :hash, :expires, :by)
                        returning id""")
                .param("partner", partner.id()).param("customer", customerId).param("kind", kind.name())
                .param("from", from).param("to", to).param("reward", reward).param("hash", Tokens.hash(token))
                .param("expires", Timestamp.from(expiresAt)).param("by", actor)
                .query(Long.class).single();
        events.record(actor, partner.id(), "link.requested", "link-request/" + id, "Partner " + partner.id()
                        + " asked customer " + customerId + " to accept " + (kind == Kind.LINK ? "a link" : "a transfer")
                        + " from " + from + "; the confirmation link expires " + expiresAt,
                Map.of("requestId", id, "customerId", customerId, "kind", kind, "from", from, "expiresAt", expiresAt));
        return new PendingLink("ACCEPTANCE_REQUIRED", id, kind.name(), partner.id(), customerId, from, to, reward,
                CONFIRMATION_PATH + token, expiresAt);
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

    /**
     * The customer accepts: the link starts on the later of today and the day asked for (a
     * transfer ends the current holder's link that day). Confirming again answers the same link.
     */
    @Transactional
    Confirmation confirm(String token) {
        Request r = usable(find(token, true));
        Partner partner = partner(r.partnerId());
        String customerName = customerName(r.customerId());
        if ("CONFIRMED".equals(r.status())) {
            return new Confirmation("CONFIRMED", true, partner.name(), customerName, links.find(r.linkId()).orElse(null));
        }
        LocalDate day = today.date();
        LocalDate start = r.from().isAfter(day) ? r.from() : day;
        if (r.to() != null && !start.isBefore(r.to())) {
            throw RuleViolation.of("token", "the link was asked for until " + r.to() + ", which has passed: nothing is"
                    + " left to accept; the partner can ask again");
        }
        String actor = "customer:request/" + r.id();
        Link link = startLink(actor, partner, r, start, day);
        jdbc.sql("update link_request set status = 'CONFIRMED', link_id = :link, decided_at = :at where id = :id")
                .param("link", link.id()).param("at", Timestamp.from(today.now())).param("id", r.id()).update();
        events.record(actor, partner.id(), "consent.confirmed", "link-request/" + r.id(), "Customer " + r.customerId()
                        + " accepted " + (r.kind() == Kind.LINK ? "the link" : "the transfer") + " to partner "
                        + partner.id() + "; linked from " + link.from(),
                Map.of("requestId", r.id(), "customerId", r.customerId(), "linkId", link.id(), "from", link.from(),
                        "kind", r.kind()));
        return new Confirmation("CONFIRMED", false, partner.name(), customerName, link);
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

    /** The partner's requests, newest first, without their tokens. */
    List<RequestView> ofPartner(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        Instant now = today.now();
        return jdbc.sql("select * from link_request where partner_id = :partner order by id desc")
                .param("partner", partnerId).query(LinkRequests::request).list().stream()
                .map(r -> new RequestView(r.id(), r.kind().name(), r.partnerId(), r.customerId(), r.from(), r.to(),
                        r.referralReward(), r.expiredAt(now) ? "EXPIRED" : r.status(), r.expiresAt(), r.linkId(),
                        r.decidedAt(), r.cancelledReason(), r.createdAt()))
                .toList();
    }

    /**
     * Withdraws the partner's open requests (for one customer, or all when {@code customerId} is
     * null), so their links answer 410. Returns how many.
     */
    int cancelOpen(String actor, long partnerId, Long customerId, String reason) {
        List<Long> cancelled = jdbc.sql("""
                        update link_request set status = 'CANCELLED', cancelled_reason = :reason, decided_at = :at
                         where partner_id = :partner and status = 'PENDING'
                           and (cast(:customer as bigint) is null or customer_id = :customer)
                        returning id""")
                .param("reason", reason).param("at", Timestamp.from(today.now())).param("partner", partnerId)
                .param("customer", customerId).query(Long.class).list();
        for (long id : cancelled) {
            events.record(actor, partnerId, "link.request-cancelled", "link-request/" + id,
                    "Link request " + id + " withdrawn: " + reason, Map.of("requestId", id, "reason", reason));
        }
        return cancelled.size();
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

    private String customerName(long customerId) {
        return jdbc.sql("select name from customer where id = :id").param("id", customerId).query(String.class).single();
    }

    private static Request request(ResultSet rs, int row) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Request(rs.getLong("id"), rs.getLong("partner_id"), rs.getLong("customer_id"),
                Kind.valueOf(rs.getString("kind")), rs.getObject("requested_from", LocalDate.class),
                rs.getObject("requested_to", LocalDate.class), rs.getString("referral_reward"),
                rs.getTimestamp("expires_at").toInstant(), rs.getString("status"), (Long) rs.getObject("link_id"),
                decided == null ? null : decided.toInstant(), rs.getString("cancelled_reason"),
                rs.getTimestamp("created_at").toInstant());
    }
}
