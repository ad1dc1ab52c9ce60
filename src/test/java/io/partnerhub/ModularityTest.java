package io.partnerhub;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.Set;

import io.partnerhub.audit.AuditEntry;
import io.partnerhub.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/** The feature boundaries of STYLE.md, habit 1, kept by a test. */
class ModularityTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.partnerhub");

    @Test
    void featuresDoNotDependOnEachOtherInCycles() {
        slices().matching("io.partnerhub.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void sharedPlumbingKnowsNoFeature() {
        noClasses().that().resideInAPackage("io.partnerhub.shared..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.partnerhub.program..", "io.partnerhub.partner..", "io.partnerhub.customer..",
                        "io.partnerhub.deal..", "io.partnerhub.audit..", "io.partnerhub.demo..", "io.partnerhub.usage..",
                        "io.partnerhub.ledger..", "io.partnerhub.event..", "io.partnerhub.portal..",
                        "io.partnerhub.lifecycle..", "io.partnerhub.incentive..",
                        "io.partnerhub.whitelabel..", "io.partnerhub.cabinet..", "io.partnerhub.billing..")
                .check(CLASSES);
    }

    /** Which features each feature may use; anything else is a boundary violation. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("program", Set.of()),
            Map.entry("event", Set.of()),
            Map.entry("partner", Set.of("program", "event")),
            Map.entry("customer", Set.of("partner", "program", "event")),
            Map.entry("deal", Set.of("partner", "customer", "program", "event")),
            Map.entry("usage", Set.of("program", "partner", "customer")),
            Map.entry("ledger", Set.of("partner", "program", "event")),
            Map.entry("settlement", Set.of("partner", "program", "ledger", "event", "whitelabel")),
            Map.entry("whitelabel", Set.of("partner", "customer", "program", "event", "usage")),
            Map.entry("incentive", Set.of("partner", "customer", "program", "event")),
            Map.entry("billing", Set.of("partner", "settlement", "event")),
            Map.entry("lifecycle", Set.of("partner", "customer", "deal", "program", "ledger", "event")),
            Map.entry("audit", Set.of()),
            // the cabinet signs in under the portal's throttle and password rules
            Map.entry("cabinet", Set.of("whitelabel", "customer", "partner", "portal")),
            Map.entry("portal", Set.of("partner", "program", "customer", "deal", "usage", "ledger", "settlement",
                    "event", "lifecycle", "audit", "incentive", "whitelabel", "billing")));

    @Test
    void featuresUseOnlyTheFeaturesTheyAreAllowedTo() {
        Set<String> features = Set.of("program", "partner", "customer", "deal", "usage", "ledger", "settlement", "audit",
                "event", "portal", "demo", "lifecycle", "incentive", "whitelabel", "cabinet", "billing");
        ALLOWED.forEach((feature, allowed) -> {
            String[] forbidden = features.stream()
                    .filter(other -> !other.equals(feature) && !allowed.contains(other))
                    .map(other -> "io.partnerhub." + other + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("io.partnerhub." + feature + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .allowEmptyShould(true)
                    .check(CLASSES);
        });
    }

    @Test
    void aFeaturesInternalPackageIsUsedOnlyByThatFeature() {
        for (String feature : ALLOWED.keySet()) {
            noClasses().that().resideOutsideOfPackage("io.partnerhub." + feature + "..")
                    .should().dependOnClassesThat().resideInAPackage("io.partnerhub." + feature + ".internal..")
                    .allowEmptyShould(true)
                    .check(CLASSES);
        }
    }

    @Test
    void controllersAreNotPartOfAFeaturesPublicApi() {
        classes().that().areAnnotatedWith(RestController.class).should().notBePublic().check(CLASSES);
    }

    /**
     * No feature writes the log (the audit feature's filter does); only the portal reads it, and
     * only through its read class: {@code AuditLog}, its {@code Query} and the {@code AuditEntry} it returns.
     */
    @Test
    void theAuditLogIsWrittenByNoFeature() {
        noClasses().that().resideOutsideOfPackages("io.partnerhub.audit..", "io.partnerhub.portal..")
                .should().dependOnClassesThat().resideInAPackage("io.partnerhub.audit..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("io.partnerhub.portal..")
                .should().dependOnClassesThat(resideInAPackage("io.partnerhub.audit..")
                        .and(not(belongToAnyOf(AuditLog.class)).and(not(type(AuditEntry.class)))))
                .check(CLASSES);
    }
}
