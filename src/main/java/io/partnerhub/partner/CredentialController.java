package io.partnerhub.partner;

import io.partnerhub.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

@RestController
@RequestMapping("/api/v1/partners/{id}")
@Tag(name = "Partners", description = "Partners, their standing and lifecycle")
class CredentialController {

    private final Credentials credentials;

    CredentialController(Credentials credentials) {
        this.credentials = credentials;
    }

    record NewCertification(@NotBlank @Size(max = 200) String employee, @NotBlank @Size(max = 200) String course,
                            @Size(max = 100) String certificateId, @NotNull LocalDate certifiedOn, LocalDate expiresOn) {
    }

    @PostMapping("/certifications")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record an employee's certification (operator); VK Cloud statuses count certified employees")
    Credentials.Certification certify(Caller caller, @PathVariable long id, @Valid @RequestBody NewCertification c) {
        return credentials.certify(caller, id, c.employee(), c.course(), c.certificateId(), c.certifiedOn(), c.expiresOn());
    }

    @GetMapping("/certifications")
    List<Credentials.Certification> certifications(Caller caller, @PathVariable long id) {
        return credentials.certifications(caller, id);
    }

    record NewSpecialization(@NotBlank @Size(max = 100) String specialization, @NotNull LocalDate from) {
    }

    @PostMapping("/specializations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Grant a specialization of the partner's program (operator), held from a day on")
    Credentials.Specialization specialize(Caller caller, @PathVariable long id, @Valid @RequestBody NewSpecialization s) {
        return credentials.grantSpecialization(caller, id, s.specialization(), s.from());
    }

    @GetMapping("/specializations")
    List<Credentials.Specialization> specializations(Caller caller, @PathVariable long id) {
        return credentials.specializations(caller, id);
    }
}
