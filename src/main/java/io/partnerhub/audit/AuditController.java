package io.partnerhub.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.partnerhub.shared.Caller;

@RestController
@Tag(name = "Audit", description = "Every state-changing request, for operators")
class AuditController {

    private final JdbcClient jdbc;

    AuditController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/v1/audit")
    @Operation(summary = "Audit entries, newest first, filtered by actor, partner, path fragment, outcome, time (operator)")
    List<AuditEntry> list(Caller caller,
                          @RequestParam(required = false) String actor,
                          @RequestParam(required = false) Long partnerId,
                          @RequestParam(required = false) String path,
                          @RequestParam(required = false) String outcome,
                          @RequestParam(required = false) Instant since,
                          @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                          @RequestParam(defaultValue = "0") @Min(0) int offset) {
        caller.requireOperator("read the audit log");
        return jdbc.sql("""
                        select * from audit_entry
                         where (cast(:actor as text) is null or actor = :actor)
                           and (cast(:partner as bigint) is null or partner_id = :partner)
                           and (cast(:path as text) is null or path like '%' || :path || '%')
                           and (cast(:outcome as text) is null or outcome = :outcome)
                           and (cast(:since as timestamptz) is null or at >= :since)
                         order by id desc limit :limit offset :offset""")
                .param("actor", actor).param("partner", partnerId).param("path", path).param("outcome", outcome)
                .param("since", since == null ? null : Timestamp.from(since))
                .param("limit", limit).param("offset", offset)
                .query((rs, row) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"), (Long) rs.getObject("partner_id"), rs.getString("method"),
                        rs.getString("path"), rs.getInt("status"), rs.getString("outcome")))
                .list();
    }
}
