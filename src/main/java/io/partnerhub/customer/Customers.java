package io.partnerhub.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.OperatorOnly;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;

/** Customers and their links to partners. The public API of the customer feature. */
@Service
public class Customers {

    private final JdbcClient jdbc;
    private final Partners partners;
    private final ProgramCatalog programs;
    private final Links links;
    private final LinkRequests requests;
    private final Transfers transfers;
    private final CustomerContacts contacts;
    private final Today today;

    Customers(JdbcClient jdbc, Partners partners, ProgramCatalog programs, Links links, LinkRequests requests,
              Transfers transfers, CustomerContacts contacts, Today today) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.programs = programs;
        this.links = links;
        this.requests = requests;
        this.transfers = transfers;
        this.contacts = contacts;
        this.today = today;
    }

    /**
     * Records a customer; an account id is one customer's, so a second one is a conflict. It names
     * the customer holding the account to an operator only: a partner learns that the account is
     * registered, not by whom. {@code contactEmail} (optional) is where the customer confirms requests.
     */
    @Transactional
    public Customer create(Caller caller, String name, String taxId, String accountId, String contactEmail) {
        String account = accountId.strip();
        jdbc.sql("select id from customer where account_id = :account").param("account", account)
                .query(Long.class).optional().ifPresent(existing -> {
                    throw new Conflict(caller.isOperator() ? "Account " + account + " already belongs to customer "
                            + existing + "." : "Account " + account + " is already registered.");
                });
        partners.ownerOfAccount(account).ifPresent(owner -> {
            throw new Conflict(caller.isOperator() ? "Account " + account + " is a partner's own account, not a"
                    + " customer's." : "Account " + account + " is already registered.");
        });
        String contact = contactEmail == null || contactEmail.isBlank() ? null : contactEmail.strip();
        long id = jdbc.sql("""
                        insert into customer (name, tax_id, account_id, created_by, created_by_partner_id,
                                              contact_email, contact_set_by_partner_id)
                        values (:name, :taxId, :account, :by, :partner, :contact, :contactBy) returning id""")
                .param("name", name.strip()).param("taxId", taxId.strip()).param("account", account)
                .param("by", caller.name()).param("partner", caller.partnerId()).param("contact", contact)
                .param("contactBy", contact == null ? null : caller.partnerId())
                .query(Long.class).single();
        return find(caller, id);
    }

    /** Records a customer without a contact (the demo data, imports). */
    public Customer create(Caller caller, String name, String taxId, String accountId) {
        return create(caller, name, taxId, accountId, null);
    }

    /**
     * Sets or removes ({@code email} null) the customer's contact: an operator, or a partner that
     * holds the customer today (or recorded it while nobody holds it). Others' customers are 404.
     */
    @Transactional
    public Customer setContact(Caller caller, long customerId, String email) {
        find(caller, customerId);
        contacts.set(caller, customerId, email, today.date());
        return find(caller, customerId);
    }

    /**
     * The customer, if the caller may see it: operators see all; a partner sees customers it
     * recorded or has been linked to, and only its own links.
     */
    public Customer find(Caller caller, long id) {
        Customer customer = jdbc.sql("select * from customer where id = :id").param("id", id)
                .query((rs, row) -> customer(rs, List.of())).optional()
                .orElseThrow(() -> new NotFound("customer", id));
        List<Link> visible = links.ofCustomer(id).stream().filter(l -> caller.sees(l.partnerId())).toList();
        if (!caller.isOperator() && visible.isEmpty() && !recordedBy(caller, id)) {
            throw new NotFound("customer", id);
        }
        return new Customer(customer.id(), customer.name(), customer.taxId(), customer.accountId(),
                caller.isOperator() ? contacts.of(id).orElse(null) : null, customer.createdAt(), visible);
    }

    /**
     * Refuses a customer the caller may not see exactly as one that does not exist: a partner
     * learns nothing about a customer it never held and did not record.
     */
    private void refuseUnseen(Caller caller, long customerId) {
        if (caller.isOperator() ? !exists(customerId) : !seenBy(caller, customerId)) {
            throw new NotFound("customer", customerId);
        }
    }

    private boolean seenBy(Caller caller, long customerId) {
        return recordedBy(caller, customerId)
                || links.ofCustomer(customerId).stream().anyMatch(l -> l.partnerId() == caller.partnerId());
    }

    /** Only an operator dates a link or a transfer before today (never into a closed month). */
    private void refuseBackdated(Caller caller, String field, LocalDate day) {
        if (!caller.isOperator() && day.isBefore(today.date())) {
            throw RuleViolation.of(field, "cannot be before today (" + today.date() + "): rules are judged as of the"
                    + " day of the request; only an operator may date it earlier");
        }
    }

    /** Whether a customer with this id exists, whoever may see it. */
    public boolean exists(long id) {
        return jdbc.sql("select count(*) from customer where id = :id").param("id", id).query(Integer.class).single() > 0;
    }

    /** The link covering {@code day}, if the customer belongs to a partner that day. */
    public Optional<Link> linkOn(long customerId, LocalDate day) {
        return links.on(customerId, day);
    }

    /**
     * Links the customer to the partner from {@code from} (until {@code to}, exclusive, if given).
     * A customer already linked to a partner for any day of that interval is refused, naming the
     * holder. Where the partner's program requires the customer's consent (the terms in force on
     * {@code from}), an operator states the day it was obtained ({@code consentObtainedOn}), and a
     * partner's request waits for the customer's confirmation: a {@link PendingLink}, not a link.
     */
    @Transactional
    public LinkOutcome link(Caller caller, long partnerId, long customerId, LocalDate from, LocalDate to,
                            String referralReward, LocalDate consentObtainedOn) {
        Partner partner = partners.find(caller, partnerId);
        refuseUnseen(caller, customerId);
        refuseBackdated(caller, "from", from);
        refuseFutureConsent(consentObtainedOn);
        boolean consent = consentRequired(partner, from);
        try {
            if (consent && !caller.isOperator()) {
                return requests.request(caller.name(), partner, customerId, LinkRequests.Kind.LINK, from, to,
                        referralReward);
            }
            if (consent && consentObtainedOn == null) {
                throw RuleViolation.of("consentObtainedOn", "is required: the " + programName(partner) + " terms on "
                        + from + " require the customer's consent to a link; state the day it was obtained");
            }
            return links.insert(caller.name(), partner, customerId, from, to,
                    new Links.Terms(referralReward, consentObtainedOn, null));
        } catch (CustomerLinkedElsewhere linked) {
            throw caller.isOperator() ? linked : linked.toldTo(caller.partnerId());
        }
    }

    /**
     * Moves the customer from the partner holding it on {@code on} to {@code toPartnerId}, or to
     * direct service when that is null, with the customer's consent. An operator states the day
     * the consent was obtained and the transfer happens at once; the receiving partner asking gets
     * a {@link PendingLink} the customer confirms. Answers the {@link Transfers.Transfer} or the
     * {@link PendingLink}.
     */
    @Transactional
    Object transfer(Caller caller, long customerId, Long toPartnerId, LocalDate on,
                           LocalDate consentObtainedOn, String referralReward) {
        refuseUnseen(caller, customerId);
        if (toPartnerId == null && !caller.isOperator()) {
            throw new OperatorOnly("transfer a customer to direct service");
        }
        Partner to = toPartnerId == null ? null : partners.find(caller, toPartnerId);
        if (!caller.isOperator()) {
            refuseBackdated(caller, "on", on);
            try {
                return requests.request(caller.name(), to, customerId, LinkRequests.Kind.TRANSFER, on, null,
                        referralReward);
            } catch (CustomerLinkedElsewhere linked) {
                throw linked.toldTo(caller.partnerId());
            }
        }
        if (consentObtainedOn == null) {
            throw RuleViolation.of("consentObtainedOn", "is required: a customer is transferred with its consent;"
                    + " state the day it was obtained");
        }
        refuseFutureConsent(consentObtainedOn);
        return transfers.move(caller.name(), customerId, to, on, new Links.Terms(referralReward, consentObtainedOn, null));
    }

    /** Ends a link: {@code to} is the first day the customer no longer belongs to the partner. */
    @Transactional
    public Link endLink(Caller caller, long partnerId, long linkId, LocalDate to) {
        partners.find(caller, partnerId);
        refuseBackdated(caller, "to", to);
        Link link = links.lock(linkId, partnerId).orElseThrow(() -> new NotFound("link", linkId));
        return links.end(caller.name(), link, to, "ended by " + caller.name());
    }

    /** The partner's links, newest first. */
    public List<Link> linksOfPartner(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return links.ofPartner(partnerId);
    }

    /** One of a partner's customers with the link that made it so (the latest one). */
    public record PartnerCustomer(long customerId, String name, String taxId, String accountId, long linkId,
                                  LocalDate from, LocalDate to) {

        public boolean linkedOn(LocalDate day) {
            return !day.isBefore(from) && (to == null || day.isBefore(to));
        }
    }

    /** Which of a partner's customers to list, by the state of their latest link on a day. */
    public enum LinkState {
        /** The latest link covers the day. */
        ACTIVE,
        /** The latest link ended on or before the day. */
        ENDED,
        /** Either, or not begun yet. */
        ALL
    }

    /**
     * The partner's customers by name, each with its latest link to the partner, optionally those
     * whose name, tax id or account contains {@code query} (any case) and whose latest link is in
     * {@code state} on {@code day}; at most {@code limit} from {@code offset}.
     */
    public List<PartnerCustomer> customersOfPartner(Caller caller, long partnerId, String query, LinkState state,
                                                   LocalDate day, int limit, int offset) {
        partners.find(caller, partnerId);
        String q = query == null || query.isBlank() ? null : query.strip();
        // the state filter wraps the latest links only when asked, so the unfiltered list keeps its
        // plan (sorted by name, stopped at the limit)
        String latest = """
                select distinct on (c.name, c.id) c.id, c.name, c.tax_id, c.account_id,
                       l.id as link_id, l.valid_from, l.valid_to
                  from customer_link l join customer c on c.id = l.customer_id
                 where l.partner_id = :partner
                   and (cast(:q as text) is null or c.name ilike '%' || :q || '%'
                        or c.tax_id like '%' || :q || '%' or c.account_id ilike '%' || :q || '%')
                 order by c.name, c.id, l.valid_from desc""";
        String sql = switch (state) {
            case ALL -> latest + "\n limit :limit offset :offset";
            case ACTIVE -> "select * from (" + latest + ") latest where valid_from <= :day"
                    + " and (valid_to is null or valid_to > :day) order by name, id limit :limit offset :offset";
            case ENDED -> "select * from (" + latest + ") latest where valid_to <= :day"
                    + " order by name, id limit :limit offset :offset";
        };
        JdbcClient.StatementSpec spec = jdbc.sql(sql);
        if (state != LinkState.ALL) {
            spec = spec.param("day", day);
        }
        return spec.param("partner", partnerId).param("q", q).param("limit", limit).param("offset", offset)
                .query((rs, row) -> new PartnerCustomer(rs.getLong("id"), rs.getString("name"), rs.getString("tax_id"),
                        rs.getString("account_id"), rs.getLong("link_id"), rs.getObject("valid_from", LocalDate.class),
                        rs.getObject("valid_to", LocalDate.class)))
                .list();
    }

    /** What a partner leaving did to its customers. */
    public record Release(List<Link> linksEnded, int requestsCancelled) {
    }

    /**
     * The partner leaves the program on {@code on}: every link still holding then ends that day
     * (links that would only start later are removed), and its open link requests are withdrawn.
     * Records an event per link and request. In the caller's transaction.
     */
    @Transactional
    public Release releaseCustomersOf(String actor, long partnerId, LocalDate on, String reason) {
        List<Link> ended = links.endAllOf(actor, partnerId, on, reason);
        int cancelled = requests.cancelOpen(actor, partnerId, null, reason);
        return new Release(ended, cancelled);
    }

    /** Whether the partner's program, in the terms in force on {@code day}, requires customers to consent to links. */
    boolean consentRequired(Partner partner, LocalDate day) {
        Program program = programs.find(partner.programId()).orElseThrow();
        return program.versionOn(day).or(() -> program.versions().stream().findFirst())
                .map(terms -> terms.requiresCustomerConsent()).orElse(false);
    }

    private String programName(Partner partner) {
        return programs.find(partner.programId()).map(Program::name).orElse(partner.programId());
    }

    private void refuseFutureConsent(LocalDate consentObtainedOn) {
        if (consentObtainedOn != null && consentObtainedOn.isAfter(today.date())) {
            throw RuleViolation.of("consentObtainedOn", "cannot be in the future (today is " + today.date() + ")");
        }
    }

    private boolean recordedBy(Caller caller, long customerId) {
        return jdbc.sql("select count(*) from customer where id = :id and created_by_partner_id = :partner")
                .param("id", customerId).param("partner", caller.partnerId()).query(Integer.class).single() > 0;
    }

    private static Customer customer(ResultSet rs, List<Link> links) throws SQLException {
        return new Customer(rs.getLong("id"), rs.getString("name"), rs.getString("tax_id"),
                rs.getString("account_id"), null, rs.getTimestamp("created_at").toInstant(), links);
    }
}
