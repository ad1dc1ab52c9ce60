package io.partnerhub.deal;

import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.PeriodLocks;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Presale requests: a partner asks the provider's experts to help with a deal; the operator
 * records its completion. A completed technical presale earns a VK Cloud agent the program's
 * fixed reward in the statement of the month it was completed.
 */
@Service
public class Presales {

    private final JdbcClient jdbc;
    private final Partners partners;
    private final Today today;

    private final ClosedPeriods closedPeriods;

    Presales(JdbcClient jdbc, Partners partners, Today today, ClosedPeriods closedPeriods) {
        this.closedPeriods = closedPeriods;
        this.jdbc = jdbc;
        this.partners = partners;
        this.today = today;
    }

    public record Presale(long id, long partnerId, String title, boolean technical, LocalDate requestedOn,
                          LocalDate completedOn) {
    }

    @Transactional
    public Presale request(Caller caller, long partnerId, String title, boolean technical, LocalDate requestedOn) {
        Partner partner = partners.find(caller, partnerId);
        partner.refuseNewClaimsIfGone("presale requests");
        LocalDate day = requestedOn == null ? today.date() : requestedOn;
        if (day.isAfter(today.date())) {
            throw RuleViolation.of("requestedOn", "a presale cannot be requested in the future (" + day + ")");
        }
        long id = jdbc.sql("""
                        insert into presale (partner_id, title, technical, requested_on, recorded_by)
                        values (:partner, :title, :technical, :day, :by) returning id""")
                .param("partner", partnerId).param("title", title.strip()).param("technical", technical)
                .param("day", day).param("by", caller.name()).query(Long.class).single();
        return find(caller, id);
    }

    /** Completion dates a closed period would never pay are refused. */
    @Transactional
    public Presale complete(Caller caller, long id, LocalDate completedOn) {
        caller.requireOperator("complete presales");
        Presale presale = find(caller, id);
        if (presale.completedOn() != null) {
            throw new Conflict("Presale " + id + " was completed on " + presale.completedOn() + ".");
        }
        if (completedOn.isBefore(presale.requestedOn()) || completedOn.isAfter(today.date())) {
            throw RuleViolation.of("completedOn", "a presale is completed between its request (" + presale.requestedOn()
                    + ") and today");
        }
        jdbc.sql(PeriodLocks.SHARED).query().listOfRows();
        if (closedPeriods.isClosed(YearMonth.from(completedOn))) {
            throw RuleViolation.of("completedOn", "period " + YearMonth.from(completedOn) + " is closed");
        }
        jdbc.sql("update presale set completed_on = :on where id = :id").param("on", completedOn).param("id", id).update();
        return find(caller, id);
    }

    public Presale find(Caller caller, long id) {
        Presale presale = jdbc.sql("select * from presale where id = :id").param("id", id).query(Presales::presale)
                .optional().orElseThrow(() -> new NotFound("presale", id));
        if (!caller.sees(presale.partnerId())) {
            throw new NotFound("presale", id);
        }
        return presale;
    }

    private static Presale presale(ResultSet rs, int row) throws SQLException {
        return new Presale(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("title"), rs.getBoolean("technical"),
                rs.getObject("requested_on", LocalDate.class), rs.getObject("completed_on", LocalDate.class));
    }
}
