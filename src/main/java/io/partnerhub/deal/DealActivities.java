package io.partnerhub.deal;

import java.sql.Timestamp;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.partnerhub.shared.Phrase;
import io.partnerhub.shared.Today;

/**
 * Writes and reads deals' activity logs; entries are never changed (trigger {@code deal_activity_is_append_only}).
 * What the platform logs is kept as words (code and arguments, V26) and as their English text.
 */
@Component
class DealActivities {

    private final JdbcClient jdbc;
    private final Today today;

    DealActivities(JdbcClient jdbc, Today today) {
        this.jdbc = jdbc;
        this.today = today;
    }

    /** What the platform logged by itself: a stage or plan change, a decision. */
    DealActivity log(Deal deal, String actor, DealActivity.Kind kind, Phrase words) {
        return log(deal, actor, kind, DealWords.english(words), words, false);
    }

    /** A person's note, kept as written. */
    DealActivity note(Deal deal, String actor, String text) {
        return log(deal, actor, DealActivity.Kind.NOTE, text, null, false);
    }

    /** An approval: its text names the extra discount, which SALES users never see. */
    DealActivity logApproval(Deal deal, String actor, Phrase words) {
        return log(deal, actor, DealActivity.Kind.DECISION, DealWords.english(words), words, true);
    }

    private DealActivity log(Deal deal, String actor, DealActivity.Kind kind, String text, Phrase words,
                             boolean namesDiscount) {
        return jdbc.sql("""
                        insert into deal_activity (deal_id, partner_id, at, actor, kind, text, names_discount,
                                                   text_code, text_args)
                        values (:deal, :partner, :at, :actor, :kind, :text, :discount, :code, cast(:args as jsonb))
                        returning *""")
                .param("deal", deal.id()).param("partner", deal.partnerId()).param("at", Timestamp.from(today.now()))
                .param("actor", actor).param("kind", kind.name()).param("text", text).param("discount", namesDiscount)
                .param("code", words == null ? null : words.key()).param("args", DealWords.argsJson(words))
                .query((rs, row) -> activity(rs)).single();
    }

    List<DealActivity> of(long dealId) {
        return jdbc.sql("select * from deal_activity where deal_id = :deal order by id").param("deal", dealId)
                .query((rs, row) -> activity(rs)).list();
    }

    private static DealActivity activity(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new DealActivity(rs.getLong("id"), rs.getLong("deal_id"), rs.getTimestamp("at").toInstant(),
                rs.getString("actor"), DealActivity.Kind.valueOf(rs.getString("kind")), rs.getString("text"),
                rs.getBoolean("names_discount"), DealWords.read(rs.getString("text_code"), rs.getString("text_args")));
    }
}
