package io.partnerhub.partner;

import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.partnerhub.shared.Today;

/**
 * What a partner's people and tokens may still do, by its revocation and exit, judged on the day of
 * the request (Moscow): everything while it is in the program; only read its own data from its exit
 * date for {@link TokenTerms#readsAfterExit()}; nothing from the day its status is revoked, nor
 * after that read window. One rule for partner tokens ({@link StoredPartnerTokens}) and portal
 * sessions.
 */
@Component
public class PartnerAccess {

    /** What the partner's people and tokens may do today. */
    public sealed interface Access {
    }

    /** In the program: everything its role allows. */
    public record Full() implements Access {
    }

    /** Left the program on {@code exitDate}: reads its own data up to and including {@code lastDay}. */
    public record ReadOnly(LocalDate exitDate, LocalDate lastDay) implements Access {
    }

    /** Revoked on {@code revokedOn}, or left on {@code exitDate} and its read window ended on {@code endedOn}. */
    public record Ended(LocalDate revokedOn, LocalDate exitDate, LocalDate endedOn) implements Access {
    }

    private final JdbcClient jdbc;
    private final Today today;
    private final TokenTerms terms;

    PartnerAccess(JdbcClient jdbc, Today today, TokenTerms terms) {
        this.jdbc = jdbc;
        this.today = today;
        this.terms = terms;
    }

    /** The partner's access today. */
    public Access of(long partnerId) {
        record Dates(LocalDate revokedOn, LocalDate exitDate) {
        }
        Dates dates = jdbc.sql("""
                        select (select revoked_on from revocation where partner_id = :id) as revoked_on,
                               (select exit_date from exit_notice where partner_id = :id) as exit_date""")
                .param("id", partnerId)
                .query((rs, row) -> new Dates(rs.getObject("revoked_on", LocalDate.class),
                        rs.getObject("exit_date", LocalDate.class)))
                .single();
        return judge(dates.revokedOn(), dates.exitDate());
    }

    /**
     * The access of a partner revoked from {@code revokedOn} and leaving on {@code exitDate} (either
     * may be null), for a caller that read both from {@code partner_ending_view} in a query it makes
     * anyway (the portal, with the signed-in person).
     */
    public Access judge(LocalDate revokedOn, LocalDate exitDate) {
        LocalDate day = today.date();
        if (revokedOn != null && !revokedOn.isAfter(day)) {
            return new Ended(revokedOn, null, revokedOn);
        }
        if (exitDate != null && !exitDate.isAfter(day)) {
            LocalDate readsEnd = exitDate.plusDays(terms.readDaysAfterExit());
            return readsEnd.isAfter(day) ? new ReadOnly(exitDate, readsEnd.minusDays(1))
                    : new Ended(null, exitDate, readsEnd);
        }
        return new Full();
    }
}
