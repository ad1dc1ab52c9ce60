package io.partnerhub.program;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.partnerhub.shared.NotFound;

@RestController
@RequestMapping("/api/v1/programs")
@Tag(name = "Programs", description = "The partner programs and their versioned terms")
class ProgramController {

    private final ProgramCatalog catalog;

    ProgramController(ProgramCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(operationId = "listPrograms", summary = "Every program with all its versions")
    Collection<Program> list() {
        return catalog.all();
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getProgram", summary = "One program with all its versions")
    Program get(@PathVariable String id) {
        return catalog.find(id).orElseThrow(() -> new NotFound("program", id));
    }

    @GetMapping("/{id}/file")
    @Operation(summary = "The program's file as the platform loaded it (YAML): the starting point of a draft for the"
            + " program simulator")
    ResponseEntity<String> file(@PathVariable String id) {
        return ResponseEntity.ok().contentType(new MediaType("application", "yaml", StandardCharsets.UTF_8))
                .body(catalog.sourceText(id).orElseThrow(() -> new NotFound("program", id)));
    }
}
