package io.partnerhub.program;

import java.util.List;

/** A program definition file that cannot be used: names the file, the path inside it and what is wrong. */
public class InvalidProgramDefinition extends RuntimeException {

    private final String file;
    private final List<String> problems;

    InvalidProgramDefinition(String file, List<String> problems) {
        super("Program definition " + file + " is invalid:\n  - " + String.join("\n  - ", problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return file;
    }

    /** Each problem as {@code path: what is wrong}. */
    public List<String> problems() {
        return problems;
    }
}
