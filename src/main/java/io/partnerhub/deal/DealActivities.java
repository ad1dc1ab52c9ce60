package io.partnerhub.deal;

import java.sql.Timestamp;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.partnerhub.shared.Today;

/** Writes and reads deals' activity logs; entries are never changed (trigger {@code deal_activity_is_append_only}). */
@Component
class DealActivities {

    private final JdbcClient jdbc;
    private final Today today;

    DealActivities(JdbcClient jdbc, Today today) {
        this.jdbc = jdbc;
        this.today = today;
    }

    DealActivity log(Deal deal, String actor, DealActivity.Kind kind, String text) {
        return log(deal, actor, kind, text, false);
    }

    /** An approval: its text names the extra discount, which SALES users never see. */
    DealActivity logApproval(Deal deal, String actor, String text) {
        return log(deal, actor, DealActivity.Kind.DECISION, text, true);
    }

    private DealActivity log(Deal deal, String actor, DealActivity.Kind kind, String text, boolean namesDiscount) {
        return jdbc.sql("""
                        insert into deal_activity (deal_id, partner_id, at, actor, kind, text, names_discount)
                        values (:deal, :partner, :at, :actor, :kind, :text, :discount) returning *""")
                .param("deal", deal.id()).param("partner", deal.partnerId()).param("at", Timestamp.from(today.now()))
                .param("actor", actor).param("kind", kind.name()).param("text", text).param("discount", namesDiscount)
                .query((rs, row) -> activity(rs)).single();
    }

    List<DealActivity> of(long dealId) {
        return jdbc.sql("select * from deal_activity where deal_id = :deal order by id").param("deal", dealId)
                .query((rs, row) -> activity(rs)).list();
    }

    private static DealActivity activity(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new DealActivity(rs.getLong("id"), rs.getLong("deal_id"), rs.getTimestamp("at").toInstant(),
                rs.getString("actor"), DealActivity.Kind.valueOf(rs.getString("kind")), rs.getString("text"),
                rs.getBoolean("names_discount"));
    }
}
