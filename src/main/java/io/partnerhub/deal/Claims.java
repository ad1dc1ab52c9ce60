package io.partnerhub.deal;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.partnerhub.deal.ClaimFacts.ActiveDeal;
import io.partnerhub.deal.ClaimFacts.CustomerFact;
import io.partnerhub.deal.ClaimFacts.LinkFact;
import io.partnerhub.deal.ClaimFacts.ProjectFact;
import io.partnerhub.deal.ClaimRules.Candidate;

/**
 * Judges registrations against the claims already held: gathers the facts for a set of candidates
 * in a few set-wise queries, then applies {@link ClaimRules}. Also serializes registrations that
 * could conflict, before they look.
 */
@Component
class Claims {

    private final JdbcClient jdbc;
    private final ConsumptionSummary consumption;
    private final PublicMailDomains publicMail;

    Claims(JdbcClient jdbc, ConsumptionSummary consumption, PublicMailDomains publicMail) {
        this.jdbc = jdbc;
        this.consumption = consumption;
        this.publicMail = publicMail;
    }

    PublicMailDomains publicMail() {
        return publicMail;
    }

    /** The conflicts of each candidate, in the order of the list. */
    List<List<ClaimConflict>> conflicts(List<Candidate> candidates) {
        ClaimFacts facts = gather(candidates);
        return candidates.stream().map(c -> ClaimRules.conflicts(c, facts, publicMail)).toList();
    }

    /**
     * Takes, until the transaction ends, a lock per tax id, e-mail and registrable domain (the last
     * two labels, shared by every related domain) of a registration: two registrations that could
     * conflict by domain or e-mail then judge one after the other, each seeing what the other stored.
     * Keys are taken in order, so two registrations never wait for each other in a circle.
     */
    void lockFor(String taxId, String email, String domain) {
        Set<String> keys = new TreeSet<>();
        keys.add("tax:" + taxId);
        if (email != null) {
            keys.add("email:" + email);
        }
        for (String d : ClaimRules.webDomains(email, domain, publicMail)) {
            keys.add("domain:" + CustomerContacts.registrable(d));
        }
        for (String key : keys) {
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", "deal-claim:" + key)
                    .query().listOfRows();
        }
    }

    private ClaimFacts gather(List<Candidate> candidates) {
        String[] taxIds = candidates.stream().map(Candidate::taxId).distinct().toArray(String[]::new);
        String[] emails = candidates.stream().map(Candidate::email).filter(e -> e != null).distinct().toArray(String[]::new);
        String[] domains = candidates.stream().flatMap(c -> ClaimRules.webDomains(c.email(), c.domain(), publicMail).stream())
                .distinct().toArray(String[]::new);
        List<CustomerFact> customers = jdbc.sql("""
                        select customer_id, tax_id, account_id, created_by_a_partner
                          from customer_tax_id_view where tax_id = any(:taxIds)""")
                .param("taxIds", taxIds)
                .query((rs, row) -> new CustomerFact(rs.getLong("customer_id"), rs.getString("tax_id"),
                        rs.getString("account_id"), rs.getBoolean("created_by_a_partner")))
                .list();
        Long[] customerIds = customers.stream().map(CustomerFact::id).toArray(Long[]::new);
        List<LinkFact> links = jdbc.sql("""
                        select link_id, partner_id, customer_id, valid_from, valid_to from customer_link_view
                         where customer_id = any(:customers)""")
                .param("customers", customerIds)
                .query((rs, row) -> new LinkFact(rs.getLong("link_id"), rs.getLong("partner_id"),
                        rs.getLong("customer_id"),
                        rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class)))
                .list();
        List<ProjectFact> projects = jdbc.sql("""
                        select id, partner_id, customer_id, registered_on, valid_until from project_registration
                         where customer_id = any(:customers)""")
                .param("customers", customerIds)
                .query((rs, row) -> new ProjectFact(rs.getLong("id"), rs.getLong("partner_id"), rs.getLong("customer_id"),
                        rs.getObject("registered_on", LocalDate.class), rs.getObject("valid_until", LocalDate.class)))
                .list();
        Collection<String> accounts = customers.stream().map(CustomerFact::accountId).toList();
        return new ClaimFacts(customers, links, projects, consumption.of(accounts), activeDeals(taxIds, emails, domains));
    }

    /** Pending and approved deals sharing a tax id or e-mail with a candidate, or with a domain related to one of its. */
    private List<ActiveDeal> activeDeals(String[] taxIds, String[] emails, String[] domains) {
        return jdbc.sql("""
                        select d.id, d.partner_id, d.customer_tax_id, d.registered_on, d.customer_email, d.customer_domain
                          from deal d
                         where d.status in ('PENDING', 'APPROVED')
                           and (d.customer_tax_id = any(:taxIds)
                                or d.customer_email = any(:emails)
                                or exists (select 1
                                             from unnest(array[d.customer_domain, split_part(d.customer_email, '@', 2)]) x(v),
                                                  unnest(cast(:domains as text[])) w(v)
                                            where x.v <> ''
                                              and (x.v = w.v or right(x.v, length(w.v) + 1) = '.' || w.v
                                                   or right(w.v, length(x.v) + 1) = '.' || x.v)))
                         order by d.id""")
                .param("taxIds", taxIds).param("emails", emails).param("domains", domains)
                .query((rs, row) -> new ActiveDeal(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("customer_tax_id"),
                        rs.getObject("registered_on", LocalDate.class), rs.getString("customer_email"),
                        rs.getString("customer_domain")))
                .list();
    }
}
