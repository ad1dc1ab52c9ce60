package io.partnerhub.shared;

import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error as an RFC 9457 problem: malformed JSON is 400, input a rule refuses is 422 with the
 * fields in {@code errors}, and nothing a client sends produces a 500.
 */
@RestControllerAdvice
class Problems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    private final PeriodInput periods;

    Problems(PeriodInput periods) {
        this.periods = periods;
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> refused(ProblemException e) {
        return problem(e.status(), e.getMessage(), e.errors());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof InputOutOfRange refused) {
                return problem(refused.status(), e.getName() + " must be " + refused.expected(),
                        List.of(new ProblemException.FieldProblem(e.getName(), refused.reason())));
            }
        }
        String message = Shown.quoted(e.getValue()) + " is not a valid " + e.getName();
        return problem(HttpStatus.BAD_REQUEST, e.getName() + " has a value of the wrong kind",
                List.of(new ProblemException.FieldProblem(e.getName(), message)));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e) {
        String state = sqlState(e);
        if (state != null && state.startsWith("22")) {
            log.info("A value the database cannot store: {}", e.getMostSpecificCause().getMessage());
            return problem(HttpStatus.UNPROCESSABLE_CONTENT,
                    "A value in the request cannot be stored (e.g. a NUL character or a number out of range).", List.of());
        }
        log.warn("A database rule refused a request that no check caught first", e);
        return problem(HttpStatus.CONFLICT, "The request conflicts with stored data.", List.of());
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** A body's constraint violations come in no particular order: by field, the same answer every time. */
    private static final java.util.Comparator<ProblemException.FieldProblem> BY_FIELD =
            java.util.Comparator.comparing(ProblemException.FieldProblem::field)
                    .thenComparing(ProblemException.FieldProblem::message);

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            org.springframework.web.method.annotation.HandlerMethodValidationException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<ProblemException.FieldProblem> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new ProblemException.FieldProblem(
                        result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .sorted(BY_FIELD)
                .toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return cast(problem(HttpStatus.UNPROCESSABLE_CONTENT, detail, errors));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it has been logged.", List.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            String field = field(mismatch);
            String message = mismatch.getTargetType() == String.class && mismatch instanceof InvalidFormatException
                    ? "must not contain a NUL or other control character" : expected(mismatch.getTargetType());
            return cast(problem(HttpStatus.UNPROCESSABLE_CONTENT, field + " " + message,
                    List.of(new ProblemException.FieldProblem(field, message))));
        }
        String detail = e.getCause() instanceof JacksonException json
                ? "Malformed JSON: " + json.getOriginalMessage() : "The request body is missing or unreadable.";
        return cast(problem(HttpStatus.BAD_REQUEST, detail, List.of()));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<ProblemException.FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new ProblemException.FieldProblem(f.getField(), f.getDefaultMessage()))
                .sorted(BY_FIELD)
                .toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return cast(problem(HttpStatus.UNPROCESSABLE_CONTENT, detail, errors));
    }

    /** What a value of the type looks like, said without Java class names. */
    private String expected(Class<?> type) {
        if (type == null) {
            return "has a value of the wrong kind";
        }
        if (type.isEnum()) {
            return "must be one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (type == java.time.LocalDate.class) {
            return "must be " + PeriodInput.expectedDate();
        }
        if (type == java.time.YearMonth.class) {
            return "must be " + periods.expectedPeriod();
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "must be a whole number";
        }
        if (type == java.math.BigDecimal.class) {
            return "must be a decimal number such as \"1234.50\"";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "must be a number";
        }
        if (type == String.class) {
            return "must be a string";
        }
        return "has a value of the wrong kind";
    }

    private static String field(MismatchedInputException e) {
        String path = JsonPaths.of(e);
        return path.isEmpty() ? "body" : path;
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail,
                                                 List<ProblemException.FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }
}
