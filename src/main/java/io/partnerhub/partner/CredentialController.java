package io.partnerhub.partner;

import io.partnerhub.shared.AlsoRefuses;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Idempotent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

@RestController
@Tag(name = "Partner credentials", description = "Employees' certifications and the partner's specializations")
class CredentialController {

    private final Credentials credentials;
    private final Specializations specializations;

    CredentialController(Credentials credentials, Specializations specializations) {
        this.credentials = credentials;
        this.specializations = specializations;
    }

    record NewCertification(@NotBlank @Size(max = 200) String employee, @NotBlank @Size(max = 200) String course,
                            @Size(max = 100) String certificateId, @NotNull LocalDate certifiedOn, LocalDate expiresOn) {
    }

    @PostMapping("/api/v1/partners/{id}/certifications")
    @Operation(summary = "Record an employee's certification (operator): 201 recorded; 200 when the same certification"
            + " was recorded before (nothing changes); 409 when its certificate id is recorded with other data."
            + " `expiresOn` is the first day it no longer holds")
    @Idempotent("The same certification was recorded before: nothing changes")
    ResponseEntity<Credentials.Certification> certify(Caller caller, @PathVariable long id,
                                                      @Valid @RequestBody NewCertification c) {
        Credentials.Recorded recorded = credentials.certify(caller, id, new Credentials.NewCertification(c.employee(),
                c.course(), c.certificateId(), c.certifiedOn(), c.expiresOn()));
        return ResponseEntity.status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK).body(recorded.certification());
    }

    @GetMapping("/api/v1/partners/{id}/certifications")
    @Operation(summary = "The partner's certifications, each with whether it is valid on `on` (default today) and"
            + " what it counts for in the program")
    List<Credentials.Certification> certifications(Caller caller, @PathVariable long id,
                                                   @RequestParam(required = false) @Parameter(example = "2026-03-01") LocalDate on) {
        return credentials.certifications(caller, id, on);
    }

    record NewSpecialization(@NotBlank @Size(max = 100) String specialization, LocalDate from) {
    }

    @PostMapping("/api/v1/partners/{id}/specializations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Grant (operator) or declare (operator or the partner) a specialization of the partner's"
            + " program, held from `from` (default today); 422 lists what its conditions miss on that day")
    Specializations.Specialization specialize(Caller caller, @PathVariable long id,
                                              @Valid @RequestBody NewSpecialization s) {
        return specializations.grantOrDeclare(caller, id, s.specialization(), s.from());
    }

    @GetMapping("/api/v1/partners/{id}/specializations")
    @Operation(summary = "The partner's specializations, held and ended, each granted or declared and on what basis")
    List<Specializations.Specialization> specializations(Caller caller, @PathVariable long id) {
        return specializations.of(caller, id);
    }

    record Ending(@NotNull LocalDate to) {
    }

    @PostMapping("/api/v1/partners/{id}/specializations/{specializationId}/end")
    @Operation(operationId = "endSpecialization",
            summary = "End a specialization: `to` is the first day it is no longer held (operator; the partner"
            + " for its own declarations)")
    Specializations.Specialization end(Caller caller, @PathVariable long id, @PathVariable long specializationId,
                                       @Valid @RequestBody Ending e) {
        return specializations.end(caller, id, specializationId, e.to());
    }

    @GetMapping("/api/v1/specializations/{specialization}/partners")
    @Operation(summary = "Partners holding or declaring a specialization on `on` (default today), still in their"
            + " program then (operator): where Oblakoteka passes warm leads")
    @AlsoRefuses(403) // operator only
    List<Specializations.Holder> holders(Caller caller, @PathVariable String specialization,
                                         @RequestParam(required = false) String programId,
                                         @RequestParam(required = false) @Parameter(example = "2026-03-01") LocalDate on) {
        return specializations.holders(caller, specialization, programId, on);
    }
}
