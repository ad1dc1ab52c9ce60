package io.partnerhub.customer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.Today;

/**
 * Messages to customers waiting to be delivered: the only place a confirmation link is written
 * down in the clear. Operators (and the mail sender acting for them) read it; partners never do,
 * so a partner cannot confirm what it asked for. The texts come from the consent bundle, in
 * Russian, the customers' language. Other features queue their own messages to customers' people
 * here too (a customer cabinet's invitation), written in their own words.
 */
@Component
public class Outbox {

    private static final Locale CUSTOMERS = Locale.forLanguageTag("ru");

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final Today today;

    Outbox(JdbcClient jdbc, MessageSource messages, Today today) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.today = today;
    }

    /** A message as the mail sender reads it; {@code path} is the confirmation link, relative to the platform. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Message(long id, String kind, String recipient, String subject, String body, String path,
                   Long linkRequestId, Instant createdAt, Instant sentAt) {
    }

    /** Asks the customer at its contact to confirm a request at {@code path}. */
    void askToConfirm(String recipient, long requestId, String kind, String partnerName, String customerName,
                      String path, Instant expiresAt) {
        String what = messages.getMessage("consent.message.kind." + kind, null, CUSTOMERS);
        String subject = messages.getMessage("consent.message.subject", new Object[] {partnerName}, CUSTOMERS);
        String body = messages.getMessage("consent.message.body",
                new Object[] {customerName, partnerName, what, path, expiresAt.toString()}, CUSTOMERS);
        jdbc.sql("""
                        insert into outbound_message (kind, recipient, subject, body, path, link_request_id)
                        values ('CONSENT_REQUEST', :to, :subject, :body, :path, :request)""")
                .param("to", recipient).param("subject", subject).param("body", body).param("path", path)
                .param("request", requestId).update();
    }

    /**
     * Invites a customer's person to its partner's customer cabinet: {@code path} is the one-time
     * link, relative to the platform, written down nowhere else in the clear.
     */
    public void inviteToCabinet(String recipient, String subject, String body, String path) {
        jdbc.sql("""
                        insert into outbound_message (kind, recipient, subject, body, path)
                        values ('CABINET_INVITATION', :to, :subject, :body, :path)""")
                .param("to", recipient).param("subject", subject).param("body", body).param("path", path).update();
    }

    /** Messages after {@code after}, oldest first; only those not yet sent unless {@code all}; to one recipient if given. */
    List<Message> list(long after, boolean all, String recipient, int limit) {
        return jdbc.sql("""
                        select * from outbound_message
                         where id > :after and (:all or sent_at is null)
                           and (cast(:recipient as text) is null or recipient = :recipient)
                         order by id limit :limit""")
                .param("after", after).param("all", all).param("recipient", recipient).param("limit", limit)
                .query((rs, row) -> {
                    Timestamp sent = rs.getTimestamp("sent_at");
                    return new Message(rs.getLong("id"), rs.getString("kind"), rs.getString("recipient"),
                            rs.getString("subject"), rs.getString("body"), rs.getString("path"),
                            (Long) rs.getObject("link_request_id"), rs.getTimestamp("created_at").toInstant(),
                            sent == null ? null : sent.toInstant());
                })
                .list();
    }

    /** Marks a message delivered; marking it again keeps the first time. */
    void markSent(long id) {
        int found = jdbc.sql("update outbound_message set sent_at = coalesce(sent_at, :at) where id = :id")
                .param("at", Timestamp.from(today.now())).param("id", id).update();
        if (found == 0) {
            throw new NotFound("outbound message", id);
        }
    }
}
