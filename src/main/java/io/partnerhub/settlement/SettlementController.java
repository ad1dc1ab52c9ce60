package io.partnerhub.settlement;

import io.partnerhub.settlement.rules.StatementLine;
import io.partnerhub.shared.AlsoAnswers;
import io.partnerhub.shared.AlsoRefuses;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Formats;
import io.partnerhub.shared.ReasonText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.Instant;
import java.util.List;

@RestController
@Tag(name = "Periods and statements", description = "The monthly close and the statements it issues")
class SettlementController {

    private final PeriodClose close;
    private final Statements statements;
    private final JdbcClient jdbc;
    private final QualificationForecast qualification;
    private final Adjustments adjustments;

    SettlementController(PeriodClose close, Statements statements, JdbcClient jdbc, QualificationForecast qualification,
                         Adjustments adjustments) {
        this.adjustments = adjustments;
        this.close = close;
        this.statements = statements;
        this.jdbc = jdbc;
        this.qualification = qualification;
    }

    record NewAdjustment(@NotNull YearMonth corrects, YearMonth period, @NotNull StatementLine.Kind kind, Long customerId,
                         @NotNull @Digits(integer = 17, fraction = 2, message = "must be an amount with at most 2 decimals")
                         BigDecimal amount,
                         @NotBlank @Size(max = 1000) String reason) {
    }

    @PostMapping("/api/v1/partners/{id}/adjustments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Correct a closed period (operator): the correction becomes a line of an open period's"
            + " statement (default: the current month) naming the period it corrects")
    Adjustments.Adjustment adjust(Caller caller, @PathVariable long id, @Valid @RequestBody NewAdjustment a) {
        return adjustments.record(caller, id, a.corrects(), a.period(), a.kind(), a.customerId(), a.amount(), a.reason());
    }

    @GetMapping("/api/v1/partners/{id}/adjustments")
    @Operation(summary = "The partner's corrections of closed periods")
    List<Adjustments.Adjustment> adjustments(Caller caller, @PathVariable long id) {
        return adjustments.list(caller, id);
    }

    @GetMapping("/api/v1/partners/{id}/qualification")
    @Operation(summary = "Tier history and what the month being consumed needs to keep or reach a tier")
    QualificationForecast.Qualification qualification(Caller caller, @PathVariable long id,
                                                      @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        return qualification.forecast(caller, id, ReasonText.ofAcceptLanguage(language));
    }

    @PostMapping("/api/v1/periods/{period}/close")
    @Operation(summary = "Close a period (operator): earlier open periods first, in order; closing again changes"
            + " nothing; a period not yet ended is refused (422)")
    PeriodClose.Result close(Caller caller, @PathVariable YearMonth period) {
        caller.requireOperator("close a period");
        return close.close(caller.name(), period);
    }

    @GetMapping("/api/v1/periods")
    @Operation(summary = "Periods known to the platform, with their status and number of statements")
    @AlsoRefuses(403) // operator only
    List<Statements.PeriodView> periods(Caller caller) {
        return statements.periods(caller);
    }

    @GetMapping("/api/v1/partners/{id}/statements")
    @Operation(operationId = "listStatements", summary = "The partner's statements, oldest first, with their totals")
    List<Statements.Summary> list(Caller caller, @PathVariable long id) {
        return statements.list(caller, id);
    }

    @GetMapping(value = "/api/v1/partners/{id}/statements/{period}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getStatement", summary = "A closed period's statement: totals and explained lines",
            description = "With `Accept: text/csv` (or the `.csv` path) the statement's lines as CSV; with"
                    + " `Accept-Language: ru` a Russian spreadsheet (BOM, ';' apart, decimal commas)")
    @AlsoAnswers(mediaType = "text/csv")
    Statements.StatementView statement(Caller caller, @PathVariable long id, @PathVariable YearMonth period,
                                       @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        return statements.find(caller, id, period, ReasonText.ofAcceptLanguage(language));
    }

    @GetMapping(value = "/api/v1/partners/{id}/statements/{period}", produces = "text/csv")
    @Operation(hidden = true) // documented on statement: Accept text/csv
    ResponseEntity<String> statementCsv(Caller caller, @PathVariable long id, @PathVariable YearMonth period,
                                        @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false)
                                        String language) {
        Statements.StatementView s = statements.find(caller, id, period, ReasonText.ofAcceptLanguage(language));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"statement-" + id + "-" + s.period() + ".csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(statements.csv(s, Formats.of(russianFirst(language) ? java.util.Locale.forLanguageTag("ru")
                        : java.util.Locale.ENGLISH)));
    }

    /** The API answers in English unless the caller asks for Russian before any other language. */
    private static boolean russianFirst(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return false;
        }
        try {
            List<java.util.Locale.LanguageRange> ranges = java.util.Locale.LanguageRange.parse(acceptLanguage);
            return !ranges.isEmpty() && ranges.getFirst().getRange().toLowerCase(java.util.Locale.ROOT).startsWith("ru");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @GetMapping(value = "/api/v1/partners/{id}/statements/{period}.csv", produces = "text/csv")
    @Operation(summary = "The statement's lines as CSV")
    ResponseEntity<String> statementCsvFile(Caller caller, @PathVariable long id, @PathVariable YearMonth period,
                                            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false)
                                            String language) {
        return statementCsv(caller, id, period, language);
    }
}
