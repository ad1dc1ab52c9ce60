package io.partnerhub.deal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The state diagrams of docs/deals.md say exactly what the code does. */
class DealsDocTest {

    private static final Pattern TRANSITION = Pattern.compile("^\\s*(\\S+)\\s*-->\\s*([^:\\s]+)");

    @Test
    void theLifecycleDiagramHasEveryStatusAndTheTransitionsTheCodeMakes() throws IOException {
        List<String> transitions = transitions(diagrams().get(0));

        Set<String> states = new HashSet<>();
        transitions.forEach(t -> states.addAll(Arrays.asList(t.split(" -> "))));
        states.remove("[*]");
        assertThat(states).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(DealStatus.values()).map(Enum::name).toList());
        // Deals.register inserts PENDING or REJECTED and may approve at once; approve and reject
        // decide a PENDING deal; releaseClaimsOf ends PENDING and APPROVED ones; DealExpiry ends APPROVED ones.
        assertThat(transitions).containsExactlyInAnyOrder(
                "[*] -> PENDING", "[*] -> REJECTED", "PENDING -> APPROVED", "PENDING -> REJECTED",
                "PENDING -> RELEASED", "APPROVED -> RELEASED", "APPROVED -> EXPIRED",
                "REJECTED -> [*]", "EXPIRED -> [*]", "RELEASED -> [*]");
        for (String t : transitions) {
            if (t.endsWith("-> [*]")) {
                assertThat(DealStatus.valueOf(t.split(" ")[0]).active()).as(t + ": only an ended deal is final").isFalse();
            }
        }
    }

    @Test
    void thePipelineDiagramIsExactlyWhatCanMoveToAllows() throws IOException {
        List<String> transitions = transitions(diagrams().get(1));

        List<String> allowed = new ArrayList<>(List.of("[*] -> IN_PROGRESS"));
        for (DealStage from : DealStage.values()) {
            for (DealStage to : DealStage.values()) {
                if (from.canMoveTo(to)) {
                    allowed.add(from + " -> " + to);
                }
            }
            if (Arrays.stream(DealStage.values()).noneMatch(from::canMoveTo)) {
                allowed.add(from + " -> [*]");
            }
        }
        assertThat(transitions).containsExactlyInAnyOrderElementsOf(allowed);
    }

    private static List<String> diagrams() throws IOException {
        String doc = Files.readString(Path.of("docs/deals.md"));
        List<String> diagrams = new ArrayList<>();
        Matcher m = Pattern.compile("```mermaid\\s*\\n(stateDiagram-v2.*?)```", Pattern.DOTALL).matcher(doc);
        while (m.find()) {
            diagrams.add(m.group(1));
        }
        assertThat(diagrams).hasSize(2);
        return diagrams;
    }

    private static List<String> transitions(String diagram) {
        List<String> transitions = new ArrayList<>();
        for (String line : diagram.split("\n")) {
            Matcher m = TRANSITION.matcher(line);
            if (m.find()) {
                transitions.add(m.group(1) + " -> " + m.group(2));
            }
        }
        return transitions;
    }
}
