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

    /** Replaced whole when a scheduled file comes in ({@link ProgramSchedule}); readers see one or the other. */
    private volatile Map<String, Program> programs;
    /** The file text of a program whose file was scheduled, by program id. */
    private volatile Map<String, String> scheduledText = Map.of();
    private final String overrideDir;

    ProgramCatalog(@Value("${partnerhub.programs-dir:}") String overrideDir) {
        this.overrideDir = overrideDir;
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

    /**
     * A draft of a program's file (the program simulator's): read and checked as the platform reads
     * its programs; {@link InvalidProgramDefinition} with every problem otherwise. Its id must be
     * {@code programId}'s. The catalog is not changed.
     */
    public Program draft(String programId, String text) {
        return ProgramFiles.read(programId + ".yaml", new java.io.ByteArrayInputStream(
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** A scheduled file becomes the program's (the schedule checked it keeps every version in force). */
    synchronized void replace(Program program, String text) {
        Map<String, Program> next = new TreeMap<>(programs);
        next.put(program.id(), program);
        Map<String, String> texts = new TreeMap<>(scheduledText);
        texts.put(program.id(), text);
        programs = java.util.Collections.unmodifiableMap(next);
        scheduledText = java.util.Collections.unmodifiableMap(texts);
    }

    /** The text of the program's file: the latest scheduled one, the override, or the shipped one. */
    public Optional<String> sourceText(String programId) {
        if (!programs.containsKey(programId)) {
            return Optional.empty();
        }
        if (scheduledText.containsKey(programId)) {
            return Optional.of(scheduledText.get(programId));
        }
        try {
            if (overrideDir != null && !overrideDir.isBlank()) {
                Path file = Path.of(overrideDir, programId + ".yaml");
                if (Files.exists(file)) {
                    return Optional.of(Files.readString(file));
                }
            }
            try (var in = ProgramCatalog.class.getResourceAsStream("/programs/" + programId + ".yaml")) {
                return in == null ? Optional.empty()
                        : Optional.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the program definition of " + programId, e);
        }
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
