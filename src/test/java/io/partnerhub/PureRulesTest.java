package io.partnerhub;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.Reason;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The settlement's rules are pure (STYLE.md, habit 3): a function from immutable facts to explained
 * lines. {@code io.partnerhub.settlement.rules} does no I/O, knows no Spring and reads no clock; it
 * uses the JDK's values and collections, the program's terms, {@link Money}, {@link Reason} (a code and
 * its typed arguments: a value in {@code shared} because the partner and ledger features word reasons
 * too) and itself, nothing else.
 */
class PureRulesTest {

    private static final String RULES = "io.partnerhub.settlement.rules..";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.partnerhub");

    /** The program's terms as data: its files are read by the catalogue, which the rules never see. */
    private static final DescribedPredicate<JavaClass> PROGRAM_TERMS = resideInAPackage("io.partnerhub.program..")
            .and(DescribedPredicate.not(simpleName("ProgramCatalog").or(simpleName("ProgramFiles"))
                    .or(simpleName("ProgramController")).or(simpleName("ProgramValidation"))))
            .as("the program's terms (not its catalogue, files or controller)");

    @Test
    void theRulesUseOnlyValuesTermsMoneyAndThemselves() {
        classes().that().resideInAPackage(RULES)
                .should().onlyDependOnClassesThat(resideInAnyPackage("java.lang..", "java.math..", "java.time..",
                        "java.util..", RULES)
                        .or(PROGRAM_TERMS)
                        .or(type(Money.class)).or(belongToAnyOf(Reason.class)))
                .check(CLASSES);
    }

    /** The same, said as what is forbidden, so that a failure names what crept in. */
    @Test
    void theRulesDoNoIoAndKnowNoFramework() {
        noClasses().that().resideInAPackage(RULES)
                .should().dependOnClassesThat(resideInAnyPackage("java.sql..", "javax.sql..", "java.io..",
                        "java.nio.file..", "java.net..", "org.springframework..", "tools.jackson..", "com.fasterxml..",
                        "org.slf4j..")
                        .or(resideInAPackage("io.partnerhub.shared..").and(DescribedPredicate.not(type(Money.class)))
                                .and(DescribedPredicate.not(belongToAnyOf(Reason.class))))
                        .or(type(java.time.Clock.class)).or(type(java.time.InstantSource.class))
                        .or(type(java.util.ResourceBundle.class)).or(type(java.util.Random.class)))
                .check(CLASSES);
    }

    /** {@code LocalDate.now()}, {@code Instant.now()}, {@code System.currentTimeMillis()}: the clock, read where no clock is injected. */
    @Test
    void theRulesReadNoClock() {
        noClasses().that().resideInAPackage(RULES)
                .should().callMethodWhere(readsTheClock())
                .check(CLASSES);
    }

    private static DescribedPredicate<JavaMethodCall> readsTheClock() {
        Set<String> systemClock = Set.of("currentTimeMillis", "nanoTime");
        return DescribedPredicate.describe("reads the clock", call -> {
            String owner = call.getTargetOwner().getPackageName();
            String name = call.getName();
            return (owner.equals("java.time") && name.equals("now"))
                    || (call.getTargetOwner().isEquivalentTo(System.class) && systemClock.contains(name));
        });
    }
}
