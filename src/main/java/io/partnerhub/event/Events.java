package io.partnerhub.event;

import io.partnerhub.shared.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records lifecycle events in the writer's transaction, and lists them since a cursor. The public
 * API of the event feature.
 */
@Service
public class Events {

    /** Held from the first event of a transaction to its commit: events commit in id order. */
    private static final long ORDER_LOCK = 0x6576656e74L;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    Events(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Records an event in the caller's transaction (there must be one).
     *
     * @param actor     who did it: a caller's name, or {@code system} for daily jobs and the close
     * @param partnerId the partner it concerns (null: none); that partner's tokens can read it
     * @param type      dotted kind, e.g. {@code deal.approved}, {@code link.ended}
     * @param subject   what it happened to, e.g. {@code deal/12}, {@code customer/7}
     * @param summary   one sentence a person reads in the portal
     * @param data      details for machines (values are written as strings)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long record(String actor, Long partnerId, String type, String subject, String summary,
                       Map<String, ?> data) {
        jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", ORDER_LOCK).query().listOfRows();
        Map<String, String> details = new TreeMap<>();
        data.forEach((key, value) -> details.put(key, value == null ? null : value.toString()));
        return jdbc.sql("""
                        insert into lifecycle_event (actor, partner_id, type, subject, summary, data)
                        values (:actor, :partner, :type, :subject, :summary, cast(:data as jsonb))
                        returning id""")
                .param("actor", actor).param("partner", partnerId).param("type", type).param("subject", subject)
                .param("summary", summary).param("data", json.writeValueAsString(details))
                .query(Long.class).single();
    }

    /** Events after {@code after} in id order; a partner caller sees only its own partner's. */
    public List<Event> since(Caller caller, long after, Long partnerId, String type, int limit) {
        Long scope = caller.isOperator() ? partnerId : caller.partnerId();
        return jdbc.sql("""
                        select * from lifecycle_event
                         where id > :after
                           and (cast(:partner as bigint) is null or partner_id = :partner)
                           and (cast(:type as text) is null or type = :type or type like :type || '.%')
                         order by id limit :limit""")
                .param("after", after).param("partner", scope).param("type", type).param("limit", limit)
                .query(this::event).list();
    }

    private Event event(ResultSet rs, int row) throws SQLException {
        Map<String, String> data = json.readValue(rs.getString("data"),
                new tools.jackson.core.type.TypeReference<TreeMap<String, String>>() {
                });
        return new Event(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                (Long) rs.getObject("partner_id"), rs.getString("type"), rs.getString("subject"),
                rs.getString("summary"), data);
    }
}
