package io.partnerhub.customer;

import java.time.LocalDate;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.partnerhub.shared.Caller;
import io.partnerhub.shared.OperatorOnly;

/**
 * The customer's contact on record, where a partner's request is sent for the customer to confirm.
 * It is a channel the asking partner must not control: an operator sets it, or the partner that
 * recorded the customer; a partner may not change the contact of a customer another partner holds
 * (or, if nobody holds it, one it did not record). A request is never confirmed through a contact
 * the asking partner set: that one goes to the operator instead.
 */
@Component
class CustomerContacts {

    private final JdbcClient jdbc;
    private final Links links;

    CustomerContacts(JdbcClient jdbc, Links links) {
        this.jdbc = jdbc;
        this.links = links;
    }

    /** Where a request of {@code askingPartnerId} may be sent: the contact, unless that partner set it. */
    Optional<String> channelFor(long customerId, long askingPartnerId) {
        return jdbc.sql("""
                        select contact_email from customer
                         where id = :id and contact_email is not null
                           and contact_set_by_partner_id is distinct from :partner""")
                .param("id", customerId).param("partner", askingPartnerId).query(String.class).optional();
    }

    /** The contact, as only operators see it. */
    Optional<String> of(long customerId) {
        return jdbc.sql("select contact_email from customer where id = :id and contact_email is not null")
                .param("id", customerId).query(String.class).optional();
    }

    /**
     * Sets (or, with null, removes) the contact. The caller already sees the customer; a partner
     * must hold it today, or have recorded it while nobody holds it.
     */
    void set(Caller caller, long customerId, String email, LocalDate today) {
        if (!caller.isOperator()) {
            Long holder = links.on(customerId, today).map(Link::partnerId).orElse(null);
            boolean recorded = jdbc.sql("select count(*) from customer where id = :id and created_by_partner_id = :p")
                    .param("id", customerId).param("p", caller.partnerId()).query(Integer.class).single() > 0;
            boolean allowed = holder == null ? recorded : holder.equals(caller.partnerId());
            if (!allowed) {
                throw new OperatorOnly("change the contact of a customer the partner does not hold");
            }
        }
        jdbc.sql("update customer set contact_email = :email, contact_set_by_partner_id = :partner where id = :id")
                .param("email", email == null ? null : email.strip())
                .param("partner", email == null ? null : caller.partnerId()).param("id", customerId).update();
    }
}
