package io.partnerhub.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProgramDefinitionTest {

    /** The smallest valid definition; each case below breaks one thing in it. */
    private static final String VALID = """
            id: test-cloud
            name: Test Cloud
            currency: RUB
            timeZone: Europe/Moscow
            calendar: { weekend: [SATURDAY, SUNDAY], holidays: [2026-01-01] }
            versions:
              - effectiveFrom: 2025-01-01
                source: test terms
                models:
                  - { id: RESELLER, settlement: DISCOUNT }
                eligibility:
                  - { kind: LEGAL_FORM, models: [RESELLER], allowed: [LEGAL_ENTITY] }
                services:
                  - { name: Compute, category: MAIN }
                  - { name: Marketplace, excluded: true }
                unknownServices: MAIN
                rates:
                  - { kind: PERCENT_OF_CONSUMPTION, models: [RESELLER], percent: 10, scope: ELIGIBLE }
                deals: { extraPercentCap: 15, newCustomerOnly: false }
                exitNoticeDays: 30
            """;

    @Test
    void theMinimalDefinitionIsValid() {
        Program program = read("test-cloud.yaml", VALID);

        assertThat(program.versions()).hasSize(1);
        assertThat(program.versions().getFirst().deals().extraPercentCap()).isEqualByComparingTo("15");
        assertThat(program.versions().getFirst().deals().claimPrecedence()).as("the default when the file gives none")
                .containsExactly(DealTerms.ClaimKind.LINK, DealTerms.ClaimKind.DEAL, DealTerms.ClaimKind.PROJECT);
        assertThat(program.versions().getFirst().deals().autoApproval()).isNull();
        assertThat(program.versions().getFirst().deals().directCustomer()).as("the default when the file gives none")
                .isEqualTo(DealTerms.DirectCustomer.REVIEW);
    }

    @Test
    void aProgramMayStillTurnOnAutoApprovalAndRejectDirectCustomers() {
        Program program = read("test-cloud.yaml", VALID.replace("deals: { extraPercentCap: 15, newCustomerOnly: false }",
                "deals: { extraPercentCap: 15, newCustomerOnly: false, directCustomer: REJECT,"
                        + " autoApproval: { maxExpectedMonthlyAmount: 1000.00, extraDiscountPercent: 5 } }"));

        DealTerms deals = program.versions().getFirst().deals();
        assertThat(deals.autoApproval().maxExpectedMonthlyAmount()).isEqualByComparingTo("1000.00");
        assertThat(deals.autoApproval().extraDiscountPercent()).isEqualByComparingTo("5");
        assertThat(deals.directCustomer()).isEqualTo(DealTerms.DirectCustomer.REJECT);
    }

    @Test
    void theShippedProgramsStateTheirClaimPrecedenceAndNoneApprovesDealsByItself() {
        ProgramCatalog catalog = ProgramCatalog.outsideThePlatform("");
        for (Program program : catalog.all()) {
            for (ProgramVersion version : program.versions()) {
                assertThat(version.deals().claimPrecedence()).as(program.id())
                        .containsExactly(DealTerms.ClaimKind.LINK, DealTerms.ClaimKind.DEAL, DealTerms.ClaimKind.PROJECT);
                // seeds 000/001 and PROGRAMS.md: the operator approves each deal
                assertThat(version.deals().autoApproval()).as(program.id()).isNull();
                // VK Cloud protects a deal from other partners only; the new-customer rule is Yandex Cloud's
                assertThat(version.deals().directCustomer()).as(program.id()).isEqualTo(program.id().equals("yandex-cloud")
                        ? DealTerms.DirectCustomer.REJECT : DealTerms.DirectCustomer.REVIEW);
            }
        }
        DealTerms yandex = catalog.find("yandex-cloud").orElseThrow().versions().getLast().deals();
        assertThat(yandex.protectionDays()).isEqualTo(60);
        assertThat(yandex.newCustomerOnly()).isTrue();
        assertThat(yandex.precedes(DealTerms.ClaimKind.LINK, DealTerms.ClaimKind.DEAL)).isTrue();
        assertThat(yandex.precedes(DealTerms.ClaimKind.DEAL, DealTerms.ClaimKind.PROJECT)).isTrue();
        assertThat(yandex.precedes(DealTerms.ClaimKind.PROJECT, DealTerms.ClaimKind.DEAL)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            percent above 100        | 'percent: 10'              | 'percent: 120'              | versions[0].rates[0].percent: 120 is not a percentage from 0 to 100
            unknown property         | 'exitNoticeDays: 30'       | 'exitNoticeDays: 30\n    exitDays: 3' | versions[0].exitDays (line
            unknown rule kind        | 'kind: LEGAL_FORM'         | 'kind: AGE_LIMIT'           | versions[0].eligibility[0]
            model not of the version | 'models: [RESELLER], allowed' | 'models: [AGENT], allowed' | versions[0].eligibility[0].models: AGENT is not a model of this version
            id not the file name     | 'id: test-cloud'           | 'id: other-cloud'           | id: 'other-cloud' must match the file name 'test-cloud'
            duplicate service        | 'name: Marketplace'        | 'name: compute'             | versions[0].services[1].name: 'compute' is listed twice
            missing notice period    | 'exitNoticeDays: 30'       | 'presaleSlaBusinessDays: 3' | versions[0].exitNoticeDays: is required
            deal cap above 100       | 'extraPercentCap: 15'      | 'extraPercentCap: 150'      | versions[0].deals.extraPercentCap: 150 is not a percentage
            not a date               | 'effectiveFrom: 2025-01-01' | 'effectiveFrom: soon'      | versions[0].effectiveFrom (line 7)
            bad currency             | 'currency: RUB'            | 'currency: rubles'          | currency: must be an ISO 4217 code
            condition of an unknown specialization | 'exitNoticeDays: 30' | 'exitNoticeDays: 30\n    specializationConditions: { quantum: { certifiedEmployees: 2, courses: [Quantum] } }' | versions[0].specializationConditions.quantum: 'quantum' is not a specialization of this version []
            condition needing nobody | 'exitNoticeDays: 30' | 'exitNoticeDays: 30\n    declaredSpecializations: [devops]\n    specializationConditions: { devops: { certifiedEmployees: 0, courses: [Ops] } }' | versions[0].specializationConditions.devops.certifiedEmployees: must be positive
            condition without courses | 'exitNoticeDays: 30' | 'exitNoticeDays: 30\n    declaredSpecializations: [devops]\n    specializationConditions: { devops: { certifiedEmployees: 1 } }' | versions[0].specializationConditions.devops.courses: list at least one course
            declared twice           | 'exitNoticeDays: 30'       | 'exitNoticeDays: 30\n    declaredSpecializations: [devops, DevOps]' | versions[0].declaredSpecializations: 'DevOps' is listed twice
            declared name with spaces | 'exitNoticeDays: 30'      | 'exitNoticeDays: 30\n    declaredSpecializations: [dev ops]' | versions[0].declaredSpecializations: 'dev ops' must be lower-case letters, digits and dashes
            exam course, no exam tier | 'exitNoticeDays: 30'      | 'exitNoticeDays: 30\n    examCourse: Partner exam' | versions[0].examCourse: no tier of this version counts the exam (examCounts)
            status courses, no status | 'exitNoticeDays: 30'      | 'exitNoticeDays: 30\n    statusCourses: [Architect]' | versions[0].statusCourses: no tier of this version counts certified employees
            claim kind missing       | 'newCustomerOnly: false'   | 'newCustomerOnly: false, claimPrecedence: [LINK, DEAL]' | versions[0].deals.claimPrecedence: list each of [LINK, DEAL, PROJECT] once
            claim kind twice         | 'newCustomerOnly: false'   | 'newCustomerOnly: false, claimPrecedence: [LINK, DEAL, DEAL]' | versions[0].deals.claimPrecedence: list each of
            unknown claim kind       | 'newCustomerOnly: false'   | 'newCustomerOnly: false, claimPrecedence: [LINK, DEAL, REFERRAL]' | versions[0].deals.claimPrecedence
            auto-approval above cap  | 'newCustomerOnly: false'   | 'newCustomerOnly: false, autoApproval: { maxExpectedMonthlyAmount: 1000.00, extraDiscountPercent: 16 }' | versions[0].deals.autoApproval.extraDiscountPercent: must not exceed extraPercentCap 15
            auto-approval no amount  | 'newCustomerOnly: false'   | 'newCustomerOnly: false, autoApproval: { extraDiscountPercent: 5 }' | versions[0].deals.autoApproval.maxExpectedMonthlyAmount: must be a positive amount
            incentive kind twice     | 'exitNoticeDays: 30'       | 'exitNoticeDays: 30\n    incentives: [{ kind: FREE_MONTHS, perCustomer: 2, monthsBetween: 1 }, { kind: FREE_MONTHS, perCustomer: 3, monthsBetween: 1 }]' | versions[0].incentives[1].kind: FreeMonths is listed twice
            unknown incentive tier   | 'exitNoticeDays: 30'       | 'exitNoticeDays: 30\n    incentives: [{ kind: SANDBOX, tiers: [GOLD], platforms: [KVM], vcpu: 4, ramGb: 8, ssdGb: 500, paidMonthsAfterDowngrade: 6 }]' | versions[0].incentives[0].tiers: 'GOLD' is not one of the tiers []
            code quota without amount | 'exitNoticeDays: 30'      | 'exitNoticeDays: 30\n    incentives: [{ kind: BONUS_CODES, codesPerQuarter: 10, codesPerCustomer: 1 }]' | versions[0].incentives[0].amountPerQuarter: must be a positive amount
            telegram range upside down | 'exitNoticeDays: 30'     | 'exitNoticeDays: 30\n    incentives: [{ kind: ONE_OFF_BONUS, bonus: TELEGRAM_COMMENT, minAmount: 30000.00, maxAmount: 10000.00 }]' | versions[0].incentives[0]: give 0 < minAmount <= maxAmount
            co-marketing share above 100 | 'exitNoticeDays: 30'   | 'exitNoticeDays: 30\n    incentives: [{ kind: CO_MARKETING, minPartnerSharePercent: 150, providerBudgetPerQuarter: 1000.00 }]' | versions[0].incentives[0].minPartnerSharePercent: 150 is not a percentage
            leads without specializations | 'exitNoticeDays: 30'  | 'exitNoticeDays: 30\n    incentives: [{ kind: WARM_LEADS, answerBusinessDays: 3 }]' | versions[0].incentives[0]: warm leads go by declared specialization
            unknown incentive kind   | 'exitNoticeDays: 30'       | 'exitNoticeDays: 30\n    incentives: [{ kind: CASHBACK }]' | versions[0].incentives[0]
            """)
    void aBrokenDefinitionNamesTheFileThePathAndWhatIsWrong(String name, String valid, String broken, String expected) {
        String yaml = VALID.replace(valid, broken.replace("\\n", "\n"));
        assertThat(yaml).isNotEqualTo(VALID);

        assertThatThrownBy(() -> read("test-cloud.yaml", yaml))
                .isInstanceOf(InvalidProgramDefinition.class)
                .hasMessageStartingWith("Program definition test-cloud.yaml is invalid")
                .hasMessageContaining(expected);
    }

    @Test
    void versionsMustBeInDateOrder() {
        int start = VALID.indexOf("  - effectiveFrom");
        String second = VALID.substring(start).replace("2025-01-01", "2024-06-01");

        assertThatThrownBy(() -> read("test-cloud.yaml", VALID + second))
                .hasMessageContaining("versions[1].effectiveFrom: 2024-06-01 must be after the previous version's 2025-01-01");
    }

    @Test
    void aBrokenFileInTheProgramsDirectoryStopsTheStart(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vk-cloud.yaml"), VALID.replace("id: test-cloud", "id: vk-cloud")
                .replace("percent: 10", "percent: -1"));

        assertThatThrownBy(() -> new ProgramCatalog(dir.toString()))
                .isInstanceOf(InvalidProgramDefinition.class)
                .hasMessageContaining(dir.resolve("vk-cloud.yaml").toString())
                .hasMessageContaining("versions[0].rates[0].percent: -1 is not a percentage");
    }

    /** docs/programs.md, "Time zone": every day is decided in Moscow time, so another zone is refused, not ignored. */
    @Test
    void aProgramInAnotherTimeZoneIsRefusedAtLoadNamingTheFileAndTheField(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("east-cloud.yaml"), VALID.replace("id: test-cloud", "id: east-cloud")
                .replace("timeZone: Europe/Moscow", "timeZone: Asia/Novosibirsk"));

        assertThatThrownBy(() -> new ProgramCatalog(dir.toString()))
                .isInstanceOf(InvalidProgramDefinition.class)
                .hasMessageContaining("Program definition " + dir.resolve("east-cloud.yaml") + " is invalid")
                .hasMessageContaining("timeZone: Asia/Novosibirsk is not supported: the platform decides every program's"
                        + " days and months in Europe/Moscow");
        assertThat(read("test-cloud.yaml", VALID).timeZone()).hasToString("Europe/Moscow");
    }

    @ParameterizedTest
    @CsvSource({"UTC", "+03:00", "W-SU", "Europe/Minsk"})
    void onlyThePlatformsOwnZoneIsAccepted(String zone) {
        assertThatThrownBy(() -> read("test-cloud.yaml", VALID.replace("timeZone: Europe/Moscow", "timeZone: '" + zone + "'")))
                .isInstanceOf(InvalidProgramDefinition.class)
                .hasMessageContaining("timeZone: " + zone + " is not supported");
    }

    @Test
    void aFileInTheProgramsDirectoryReplacesTheShippedOne(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vk-cloud.yaml"), VALID.replace("id: test-cloud", "id: vk-cloud"));

        ProgramCatalog catalog = new ProgramCatalog(dir.toString());

        assertThat(catalog.find("vk-cloud").orElseThrow().name()).isEqualTo("Test Cloud");
        assertThat(catalog.find("yandex-cloud")).isPresent();
    }

    @Test
    void theShippedProgramsLoadWithTheirNumbers() {
        ProgramCatalog catalog = new ProgramCatalog("");

        assertThat(catalog.all()).extracting(Program::id).containsExactly("oblakoteka", "vk-cloud", "yandex-cloud");
        Program yandex = catalog.find("yandex-cloud").orElseThrow();
        assertThat(baseRate(yandex, YearMonth.of(2025, 12))).isEqualByComparingTo("20");
        assertThat(baseRate(yandex, YearMonth.of(2026, 1))).isEqualByComparingTo("10");
        assertThat(yandex.versionFor(YearMonth.of(2025, 12)).orElseThrow().projectRegistration()).isEmpty();
        assertThat(yandex.versionFor(YearMonth.of(2026, 6)).orElseThrow().projectRegistration().orElseThrow().ratePercentCap())
                .isEqualByComparingTo("15");
        ProgramVersion vk = catalog.find("vk-cloud").orElseThrow().versionFor(YearMonth.of(2026, 3)).orElseThrow();
        assertThat(vk.deals().extraPercentCap()).isEqualByComparingTo("20");
        assertThat(vk.deals().totalDiscountPercentCap()).isEqualByComparingTo("30");
        assertThat(vk.service("MARKETPLACE").orElseThrow().excluded()).isTrue();
        ProgramVersion oblakoteka = catalog.find("oblakoteka").orElseThrow().versionFor(YearMonth.of(2026, 3)).orElseThrow();
        assertThat(oblakoteka.model(PartnerModel.AGENT).orElseThrow().initialTier()).isEqualTo("PROFESSIONAL");
        assertThat(oblakoteka.model(PartnerModel.REFERRAL).orElseThrow().initialTier()).isEqualTo("BASIC");
    }

    @Test
    void theShippedTrainingAndSpecializationTermsLoad() {
        ProgramCatalog catalog = new ProgramCatalog("");

        ProgramVersion vk = catalog.find("vk-cloud").orElseThrow().versionFor(YearMonth.of(2026, 3)).orElseThrow();
        assertThat(vk.statusCourses()).containsExactly("VK Cloud Architect", "VK Cloud Engineer", "VK Cloud Sales");
        ProgramVersion oblakoteka = catalog.find("oblakoteka").orElseThrow().versionFor(YearMonth.of(2026, 3)).orElseThrow();
        assertThat(oblakoteka.examCourse()).isEqualTo("Oblakoteka partner exam");
        assertThat(oblakoteka.declaredSpecializations()).containsExactly("1c", "devops", "security", "vdi", "ml");
        Program yandex = catalog.find("yandex-cloud").orElseThrow();
        assertThat(yandex.versionFor(YearMonth.of(2025, 12)).orElseThrow().specializations()).isEmpty();
        ProgramVersion terms2026 = yandex.versionFor(YearMonth.of(2026, 1)).orElseThrow();
        assertThat(terms2026.specializations()).containsExactly("containers", "data-platform", "infrastructure");
        assertThat(terms2026.conditionOf("infrastructure")).contains(
                new SpecializationCondition(2, java.util.List.of("Yandex Cloud Infrastructure")));
        assertThat(terms2026.presaleSlaBusinessDays()).isEqualTo(3);
    }

    private static BigDecimal baseRate(Program program, YearMonth period) {
        RateRule rate = program.versionFor(period).orElseThrow().rates().getFirst();
        return ((RateRule.PercentOfConsumption) rate).percent();
    }

    private static Program read(String file, String yaml) {
        return ProgramFiles.read(file, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
