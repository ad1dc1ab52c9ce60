package io.partnerhub.usage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.partnerhub.shared.AlsoRefuses;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Idempotent;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Shown;

@RestController
@Tag(name = "Usage", description = "Billing exports imported, and consumption no partner claims")
class UsageController {

    private final UsageImports imports;
    private final UsageImportHistory history;

    UsageController(UsageImports imports, UsageImportHistory history) {
        this.imports = imports;
        this.history = history;
    }

    /**
     * What an import stored, or that its file was imported before ({@code duplicate}); the months
     * and counts of an import stored only.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ImportOutcome(long importId, long rowsAccepted, long rowsRejected, boolean duplicate, List<Object> errors,
                         List<String> periods, Long unattributedRows, Integer unattributedAccounts, String checksum,
                         String mode, Long rowsSuperseded) {
    }

    @PostMapping(value = "/api/v1/usage/imports", consumes = MediaType.ALL_VALUE)
    @Operation(operationId = "importUsage", summary = "Import a billing export (format=focus or yandex-detail), plain or"
            + " gzip (operator); mode=restate: the file's days replace the rows stored for them",
            description = "201 stored; 200 `duplicate: true` when the same content was imported before (nothing"
                    + " changes); 422 with every bad line (`errors`: line and field) and nothing stored",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "The export as the provider wrote it: CSV, or CSV compressed with gzip",
                    content = {@Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                            @Content(mediaType = "application/gzip", schema = @Schema(type = "string", format = "binary")),
                            @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string",
                                    format = "binary"))}),
            responses = @ApiResponse(responseCode = "201", description = "Stored",
                    content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportOutcome.class))))
    @Idempotent("The same content was imported before: `duplicate: true`, nothing stored again")
    ResponseEntity<Object> upload(Caller caller,
                                  @RequestParam @Parameter(schema = @Schema(allowableValues = {"focus", "yandex-detail"}))
                                  String format,
                                  @RequestParam(required = false) String fileName,
                                  @RequestParam(defaultValue = "add")
                                  @Parameter(schema = @Schema(allowableValues = {"add", "restate"})) String mode,
                                  HttpServletRequest request) throws IOException {
        caller.requireOperator("import usage");
        UsageFormat usageFormat = UsageFormat.byId(format).orElseThrow(() -> RuleViolation.of("format",
                Shown.quoted(format) + " is not a known format; use focus or yandex-detail"));
        ImportMode importMode = ImportMode.byId(mode).orElseThrow(() -> RuleViolation.of("mode",
                Shown.quoted(mode) + " is not a known mode; use add, or restate for a file that restates whole days"));
        try (InputStream body = request.getInputStream()) {
            ImportResult result = imports.importFile(caller.name(), usageFormat, importMode, body, fileName);
            return answer(result, request.getRequestURI());
        }
    }

    private static ResponseEntity<Object> answer(ImportResult result, String path) {
        switch (result) {
            case ImportResult.Accepted a -> {
                return ResponseEntity.created(URI.create(path + "/" + a.importId())).body(new ImportOutcome(a.importId(),
                        a.rowsAccepted(), 0, false, List.of(), a.periods().stream().map(YearMonth::toString).toList(),
                        a.unattributedRows(), a.unattributedAccounts(), a.checksum(), a.mode().id(), a.rowsSuperseded()));
            }
            case ImportResult.Duplicate d -> {
                return ResponseEntity.ok(new ImportOutcome(d.importId(), 0, 0, true, List.of(), null, null, null,
                        d.checksum(), null, null));
            }
            case ImportResult.Rejected r -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("type", "about:blank");
                body.put("title", "Unprocessable Content");
                body.put("status", 422);
                body.put("detail", r.rowsRejected() + " of " + r.rowsRead() + " rows are bad (" + r.problemCount()
                        + " problems" + (r.problemCount() > r.problems().size()
                        ? ", the first " + r.problems().size() + " listed" : "") + "); nothing was stored.");
                body.put("instance", path);
                body.put("importId", null);
                body.put("rowsAccepted", 0);
                body.put("rowsRejected", r.rowsRejected());
                body.put("duplicate", false);
                body.put("errors", r.problems());
                body.put("errorsNotListed", r.problemCount() - r.problems().size());
                return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
            }
        }
    }

    @GetMapping("/api/v1/usage/imports")
    @Operation(operationId = "listUsageImports",
            summary = "Imports, newest first, with counts, format, checksum, who and when (operator)")
    @AlsoRefuses(403) // operator only
    List<UsageImportHistory.ImportRecord> list(Caller caller, @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                                               @RequestParam(defaultValue = "0") @Min(0) int offset) {
        caller.requireOperator("read the import history");
        return history.list(limit, offset);
    }

    @GetMapping("/api/v1/usage/imports/{id}")
    @Operation(operationId = "getUsageImport", summary = "One import of the history: its file, rows accepted and skipped, and"
            + " its months (operator)")
    @AlsoRefuses(403) // operator only
    UsageImportHistory.ImportRecord get(Caller caller, @PathVariable long id) {
        caller.requireOperator("read the import history");
        return history.find(id);
    }

    @GetMapping("/api/v1/usage/unattributed")
    @Operation(summary = "A period's consumption by accounts that belong to no customer or partner (operator)")
    @AlsoRefuses(403) // operator only
    List<UsageImportHistory.Unattributed> unattributed(Caller caller, @RequestParam YearMonth period) {
        caller.requireOperator("read unattributed consumption");
        return history.unattributed(period);
    }
}
