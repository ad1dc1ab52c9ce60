package io.partnerhub.deal;

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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

@RestController
@Tag(name = "Presales", description = "Presale requests to the provider's experts")
class PresaleController {

    private final Presales presales;

    PresaleController(Presales presales) {
        this.presales = presales;
    }

    record NewPresale(@NotNull Long partnerId, @NotBlank @Size(max = 300) String title, Boolean technical,
                      LocalDate requestedOn) {
    }

    @PostMapping("/api/v1/presales")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Request a presale (technical by default)")
    Presales.Presale request(Caller caller, @Valid @RequestBody NewPresale p) {
        return presales.request(caller, p.partnerId(), p.title(), p.technical() == null || p.technical(), p.requestedOn());
    }

    record Completion(@NotNull LocalDate completedOn) {
    }

    @PostMapping("/api/v1/presales/{id}/complete")
    @Operation(summary = "Record a presale's completion (operator); a VK Cloud agent earns the presale reward that month")
    Presales.Presale complete(Caller caller, @PathVariable long id, @Valid @RequestBody Completion c) {
        return presales.complete(caller, id, c.completedOn());
    }

    @GetMapping("/api/v1/presales/{id}")
    Presales.Presale find(Caller caller, @PathVariable long id) {
        return presales.find(caller, id);
    }
}
