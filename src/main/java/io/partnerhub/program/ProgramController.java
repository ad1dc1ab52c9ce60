package io.partnerhub.program;

import java.util.Collection;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
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
    @Operation(summary = "Every program with all its versions")
    Collection<Program> list() {
        return catalog.all();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One program with all its versions")
    Program get(@PathVariable String id) {
        return catalog.find(id).orElseThrow(() -> new NotFound("program", id));
    }
}
