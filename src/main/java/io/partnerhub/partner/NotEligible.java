package io.partnerhub.partner;

import java.util.List;

import io.partnerhub.program.ProgramVersion.Refusal;
import io.partnerhub.shared.RuleViolation;

/**
 * An application the program's eligibility rules refuse (422). The API names each refusal under
 * {@code eligibility}; {@link #refusals()} also says which field of the application each rule
 * judged, so a form can show it next to that field.
 */
public class NotEligible extends RuleViolation {

    private final List<Refusal> refusals;

    NotEligible(String programName, List<Refusal> refusals) {
        super("Not eligible for " + programName + ": " + String.join("; ", refusals.stream().map(Refusal::reason).toList()),
                refusals.stream().map(r -> new FieldProblem("eligibility", r.reason())).toList());
        this.refusals = List.copyOf(refusals);
    }

    public List<Refusal> refusals() {
        return refusals;
    }
}
