package io.partnerhub.program;

import java.util.List;

/**
 * What a partner needs on the day it gets a specialization: at least {@code certifiedEmployees}
 * distinct employees, each holding a certification valid that day in one of {@code courses}
 * (course names match case-insensitively).
 */
public record SpecializationCondition(int certifiedEmployees, List<String> courses) {

    public SpecializationCondition {
        courses = courses == null ? List.of() : List.copyOf(courses);
    }
}
