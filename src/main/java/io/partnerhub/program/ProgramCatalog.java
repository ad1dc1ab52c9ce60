package io.partnerhub.program;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The programs the platform runs: the shipped definitions ({@code classpath:programs/*.yaml}),
 * each replaced by a file of the same name in {@code PARTNERHUB_PROGRAMS_DIR} when one is there.
 * Loaded and checked once at start.
 */
@Component
public class ProgramCatalog {

    private static final Logger log = LoggerFactory.getLogger(ProgramCatalog.class);

    private final Map<String, Program> programs;

    ProgramCatalog(@Value("${partnerhub.programs-dir:}") String overrideDir) {
        this.programs = load(overrideDir);
    }

    /** The programs outside a running platform (command-line tools): shipped files plus {@code overrideDir}. */
    public static ProgramCatalog outsideThePlatform(String overrideDir) {
        return new ProgramCatalog(overrideDir);
    }

    public Collection<Program> all() {
        return programs.values();
    }

    public Optional<Program> find(String id) {
        return Optional.ofNullable(id).map(programs::get);
    }

    private static Map<String, Program> load(String overrideDir) {
        Map<String, Program> loaded = new TreeMap<>();
        try {
            for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath*:programs/*.yaml")) {
                Program program = ProgramFiles.read("programs/" + file.getFilename(), file.getInputStream());
                loaded.put(program.id(), program);
            }
            if (overrideDir != null && !overrideDir.isBlank()) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(overrideDir), "*.yaml")) {
                    for (Path file : files) {
                        Program program = ProgramFiles.read(file.toString(), Files.newInputStream(file));
                        loaded.put(program.id(), program);
                        log.info("Program {} loaded from {}", program.id(), file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the program definitions", e);
        }
        log.info("Programs: {}", loaded.keySet());
        return loaded;
    }
}
