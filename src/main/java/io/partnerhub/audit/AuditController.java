package io.partnerhub.audit;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.partnerhub.shared.AlsoRefuses;
import io.partnerhub.shared.Caller;

@RestController
@Tag(name = "Audit", description = "Every state-changing request, for operators")
class AuditController {

    private final AuditLog log;

    AuditController(AuditLog log) {
        this.log = log;
    }

    @GetMapping("/api/v1/audit")
    @Operation(operationId = "listAuditEntries",
            summary = "Audit entries, newest first, filtered by actor, partner, path fragment, outcome, time (operator)")
    @AlsoRefuses(403) // operator only
    List<AuditEntry> list(Caller caller,
                          @RequestParam(required = false) @Parameter(example = "operator") String actor,
                          @RequestParam(required = false) Long partnerId,
                          @RequestParam(required = false) String path,
                          @RequestParam(required = false) @Parameter(example = "DONE") String outcome,
                          @RequestParam(required = false) @Parameter(example = "2026-03-01T00:00:00Z") Instant since,
                          @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                          @RequestParam(defaultValue = "0") @Min(0) int offset) {
        caller.requireOperator("read the audit log");
        return log.search(new AuditLog.Query(actor, partnerId, path, outcome, since, null, null, limit, offset));
    }
}
