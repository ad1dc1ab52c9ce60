package io.partnerhub.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the audit log: the one class of this feature others may use (the API and the operator's
 * page). Nobody outside the feature writes the log; {@link AuditTrail} does.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What to look for; every criterion is optional (null: any).
     *
     * @param actor     the actor exactly as recorded ({@code operator}, a portal user's e-mail, ...)
     * @param partnerId the partner the entry is about
     * @param path      a fragment of the path
     * @param outcome   DONE, REFUSED or FAILED
     * @param since     entries at or after this instant
     * @param until     entries before this instant
     * @param beforeId  entries older than this one (the next page after an entry)
     * @param limit     at most this many entries
     * @param offset    skips this many entries first
     */
    public record Query(String actor, Long partnerId, String path, String outcome, Instant since, Instant until,
                        Long beforeId, int limit, int offset) {
    }

    /** The entries the query asks for, newest first. */
    public List<AuditEntry> search(Query query) {
        return jdbc.sql("""
                        select * from audit_entry
                         where (cast(:actor as text) is null or actor = :actor)
                           and (cast(:partner as bigint) is null or partner_id = :partner)
                           and (cast(:path as text) is null or path like '%' || :path || '%')
                           and (cast(:outcome as text) is null or outcome = :outcome)
                           and (cast(:since as timestamptz) is null or at >= :since)
                           and (cast(:until as timestamptz) is null or at < :until)
                           and (cast(:before as bigint) is null or id < :before)
                         order by id desc limit :limit offset :offset""")
                .param("actor", query.actor()).param("partner", query.partnerId()).param("path", query.path())
                .param("outcome", query.outcome())
                .param("since", timestamp(query.since())).param("until", timestamp(query.until()))
                .param("before", query.beforeId())
                .param("limit", query.limit()).param("offset", query.offset())
                .query((rs, row) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"), (Long) rs.getObject("partner_id"), rs.getString("method"),
                        rs.getString("path"), rs.getInt("status"), rs.getString("outcome")))
                .list();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
