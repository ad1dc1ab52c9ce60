package io.partnerhub.program;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import io.partnerhub.shared.JsonPaths;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads one program definition file (YAML) and checks it; a bad file throws {@link InvalidProgramDefinition}. */
final class ProgramFiles {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_EXTERNAL_TYPE_ID_PROPERTY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private ProgramFiles() {
    }

    static Program read(String fileName, InputStream content) {
        Program program;
        try (content) {
            program = YAML.readValue(content, Program.class);
        } catch (JacksonException e) {
            throw new InvalidProgramDefinition(fileName, List.of(path(e) + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read program definition " + fileName, e);
        }
        if (program == null) {
            throw new InvalidProgramDefinition(fileName, List.of("(root): the file is empty"));
        }
        List<String> problems = ProgramValidation.problems(program, expectedId(fileName));
        if (!problems.isEmpty()) {
            throw new InvalidProgramDefinition(fileName, problems);
        }
        return program;
    }

    private static String expectedId(String fileName) {
        String name = fileName.substring(fileName.lastIndexOf('/') + 1);
        return name.replaceFirst("\\.ya?ml$", "");
    }

    private static String path(JacksonException e) {
        String path = JsonPaths.of(e);
        String where = path.isEmpty() ? "(root)" : path;
        return e.getLocation() == null ? where : where + " (line " + e.getLocation().getLineNr() + ")";
    }
}
