package io.partnerhub.deal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.partnerhub.deal.ClaimFacts.ActiveDeal;
import io.partnerhub.deal.ClaimFacts.CustomerFact;
import io.partnerhub.deal.ClaimFacts.LinkFact;
import io.partnerhub.deal.ClaimFacts.ProjectFact;
import io.partnerhub.deal.ClaimRules.Candidate;
import io.partnerhub.program.DealTerms;
import io.partnerhub.program.DealTerms.ClaimKind;

/** The claim rules over hand-made facts: partner 1 registers; partner 2 holds whatever the case gives it. */
class ClaimRulesTest {

    private static final LocalDate REGISTERED = LocalDate.parse("2026-05-04");
    private static final PublicMailDomains PUBLIC_MAIL = PublicMailDomains.of("gmail.com", "mail.ru");
    private static final List<ClaimKind> LINK_DEAL_PROJECT = List.of(ClaimKind.LINK, ClaimKind.DEAL, ClaimKind.PROJECT);

    private final List<CustomerFact> customers = new ArrayList<>();
    private final List<LinkFact> links = new ArrayList<>();
    private final List<ProjectFact> projects = new ArrayList<>();
    private final Map<String, ConsumptionDays> consumption = new HashMap<>();
    private final List<ActiveDeal> deals = new ArrayList<>();

    @Test
    void aCleanRegistrationBreaksNoRule() {
        customer(1, "7701", "acc-1");
        assertThat(conflicts(candidate("7701", "ivan@acme.ru", "acme.ru", terms(LINK_DEAL_PROJECT, true)))).isEmpty();
    }

    @Test
    void anotherPartnersDealMatchesByTaxIdEmailOrRelatedDomain() {
        deals.add(new ActiveDeal(11, 2, "7701", LocalDate.parse("2026-04-01"), null, null));
        deals.add(new ActiveDeal(12, 2, "7702", LocalDate.parse("2026-04-02"), "boss@gmail.com", null));
        deals.add(new ActiveDeal(13, 2, "7703", LocalDate.parse("2026-04-03"), null, "acme.ru"));
        deals.add(new ActiveDeal(14, 2, "7704", LocalDate.parse("2026-04-04"), "cfo@shop.acme.ru", null));
        deals.add(new ActiveDeal(15, 1, "7705", LocalDate.parse("2026-04-05"), null, "acme.ru"));

        assertThat(conflicts(candidate("7701", null, null, terms(LINK_DEAL_PROJECT, false))))
                .extracting(ClaimConflict::rule, ClaimConflict::claim, ClaimConflict::reason)
                .containsExactly(tuple(DealRule.ACTIVE_DEAL_TAX_ID, "deal/11",
                        "Another partner holds an active deal for customer tax id 7701, registered on 2026-04-01."));
        assertThat(conflicts(candidate("7799", "boss@gmail.com", null, terms(LINK_DEAL_PROJECT, false))))
                .extracting(ClaimConflict::rule, ClaimConflict::claim, ClaimConflict::reason)
                .containsExactly(tuple(DealRule.ACTIVE_DEAL_EMAIL, "deal/12",
                        "E-mail boss@gmail.com matches an active deal of another partner, registered on 2026-04-02."));
        assertThat(conflicts(candidate("7799", null, "www.shop.acme.ru", terms(LINK_DEAL_PROJECT, false))))
                .extracting(ClaimConflict::rule, ClaimConflict::claim)
                .containsExactly(tuple(DealRule.ACTIVE_DEAL_DOMAIN, "deal/13"), tuple(DealRule.ACTIVE_DEAL_DOMAIN, "deal/14"));
        assertThat(conflicts(candidate("7799", "ivan@acme.ru", null, terms(LINK_DEAL_PROJECT, false))))
                .extracting(ClaimConflict::reason).first().asString()
                .isEqualTo("Domain acme.ru (of e-mail ivan@acme.ru) matches an active deal of another partner, registered on 2026-04-03.");
    }

    @Test
    void aPublicMailProvidersDomainMatchesNothingButTheWholeAddress() {
        deals.add(new ActiveDeal(12, 2, "7702", LocalDate.parse("2026-04-02"), "boss@gmail.com", null));

        assertThat(conflicts(candidate("7799", "someone.else@gmail.com", null, terms(LINK_DEAL_PROJECT, false)))).isEmpty();
        assertThat(conflicts(candidate("7799", "BOSS@gmail.com".toLowerCase(), null, terms(LINK_DEAL_PROJECT, false))))
                .extracting(ClaimConflict::rule).containsExactly(DealRule.ACTIVE_DEAL_EMAIL);
    }

    @Test
    void aLinkToAnotherPartnerBeatsADealWhereTheProgramPutsLinksFirst() {
        customer(1, "7701", "acc-1");
        links.add(new LinkFact(5, 2, 1, LocalDate.parse("2026-02-01"), null));

        assertThat(conflicts(candidate("7701", null, null, terms(LINK_DEAL_PROJECT, false))))
                .extracting(ClaimConflict::rule, ClaimConflict::reason, ClaimConflict::otherPartnerId)
                .containsExactly(tuple(DealRule.LINKED_TO_ANOTHER_PARTNER,
                        "Customer tax id 7701 is linked to another partner since 2026-02-01.", 2L));
        assertThat(conflicts(candidate("7701", null, null,
                terms(List.of(ClaimKind.DEAL, ClaimKind.LINK, ClaimKind.PROJECT), false))))
                .as("a program putting deals first lets the deal through; the link decides who earns").isEmpty();
    }

    @Test
    void aLinkThatEndedBeforeTheRegistrationIsNoConflictButALaterOneIs() {
        customer(1, "7701", "acc-1");
        links.add(new LinkFact(5, 2, 1, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-05-04")));
        assertThat(conflicts(candidate("7701", null, null, terms(LINK_DEAL_PROJECT, false)))).isEmpty();

        links.add(new LinkFact(6, 3, 1, LocalDate.parse("2026-06-01"), null));
        assertThat(conflicts(candidate("7701", null, null, terms(LINK_DEAL_PROJECT, false))))
                .extracting(ClaimConflict::claim).containsExactly("link/6");
    }

    @Test
    void aProjectBlocksADealOnlyWhereTheProgramPutsProjectsBeforeDeals() {
        customer(1, "7701", "acc-1");
        projects.add(new ProjectFact(3, 2, 1, LocalDate.parse("2026-03-01"), LocalDate.parse("2027-03-01")));

        assertThat(conflicts(candidate("7701", null, null, terms(LINK_DEAL_PROJECT, false)))).isEmpty();
        assertThat(conflicts(candidate("7701", null, null,
                terms(List.of(ClaimKind.PROJECT, ClaimKind.LINK, ClaimKind.DEAL), false))))
                .extracting(ClaimConflict::rule, ClaimConflict::reason)
                .containsExactly(tuple(DealRule.PROJECT_OF_ANOTHER_PARTNER, "Customer tax id 7701 has a project registered"
                        + " by another partner on 2026-03-01 until 2027-03-01; in Test Cloud a project registration precedes a deal."));
    }

    @Test
    void aConsumingCustomerLinkedToNoPartnerIsTheProvidersOwn() {
        customer(1, "7701", "acc-1");
        consumption.put("acc-1", ConsumptionDays.of(LocalDate.parse("2026-06-10")));

        assertThat(conflicts(candidate("7701", null, null, terms(LINK_DEAL_PROJECT, false))))
                .as("by default the deal waits for the operator with the fact shown")
                .extracting(ClaimConflict::rule, ClaimConflict::reason, ClaimConflict::claim, ClaimConflict::review)
                .containsExactly(tuple(DealRule.DIRECT_CUSTOMER, "Customer tax id 7701: the provider serves this customer"
                        + " directly (it consumes and is linked to no partner on 2026-05-04).", "customer/1", true));
        assertThat(conflicts(candidate("7701", null, null, terms(LINK_DEAL_PROJECT, false, DealTerms.DirectCustomer.REJECT))))
                .as("a program that says REJECT rejects it")
                .extracting(ClaimConflict::rule, ClaimConflict::review)
                .containsExactly(tuple(DealRule.DIRECT_CUSTOMER, false));
        links.add(new LinkFact(5, 1, 1, LocalDate.parse("2026-05-01"), null));
        assertThat(conflicts(candidate("7701", null, null, terms(LINK_DEAL_PROJECT, false))))
                .as("the registering partner's own customer").isEmpty();
    }

    @Test
    void aNewCustomerOnlyProgramRefusesACustomerThatConsumedBeforeTheRegistrationDate() {
        customer(1, "7701", "acc-1");
        customer(2, "7701", "acc-2");
        links.add(new LinkFact(5, 1, 1, LocalDate.parse("2026-01-01"), null));
        links.add(new LinkFact(6, 1, 2, LocalDate.parse("2026-01-01"), null));
        consumption.put("acc-1", ConsumptionDays.of(LocalDate.parse("2026-05-04"), LocalDate.parse("2026-04-20")));
        consumption.put("acc-2", ConsumptionDays.of(LocalDate.parse("2026-03-31")));

        assertThat(conflicts(candidate("7701", null, null, terms(LINK_DEAL_PROJECT, true))))
                .extracting(ClaimConflict::rule, ClaimConflict::reason)
                .containsExactly(tuple(DealRule.NOT_A_NEW_CUSTOMER, "Customer tax id 7701 is not a new customer: it"
                        + " consumed on 2026-03-31, before the registration date 2026-05-04; Test Cloud registers deals"
                        + " for new customers only."));
        assertThat(conflicts(candidate("7701", null, null, terms(LINK_DEAL_PROJECT, false)))).isEmpty();
    }

    @Test
    void aBackdatedRegistrationIsJudgedNewOrNotOnTheDayItWasMade() {
        customer(1, "7701", "acc-1");
        links.add(new LinkFact(5, 1, 1, LocalDate.parse("2026-01-01"), null));
        consumption.put("acc-1", ConsumptionDays.of(LocalDate.parse("2026-04-20")));
        Candidate backdated = new Candidate(null, 1, "7701", LocalDate.parse("2026-04-01"), REGISTERED, null, null,
                terms(LINK_DEAL_PROJECT, true), "Test Cloud");

        assertThat(ClaimRules.conflicts(backdated, facts(), PUBLIC_MAIL))
                .extracting(ClaimConflict::rule, ClaimConflict::reason)
                .containsExactly(tuple(DealRule.NOT_A_NEW_CUSTOMER, "Customer tax id 7701 is not a new customer: it"
                        + " consumed on 2026-04-20, before the registration date 2026-04-01 (registered on 2026-05-04);"
                        + " Test Cloud registers deals for new customers only."));
    }

    @Test
    void aLinkToACustomerRecordAPartnerCreatedWithoutConsumptionIsForTheOperatorToReview() {
        partnersCustomer(1, "7701", "acc-1");
        links.add(new LinkFact(5, 2, 1, LocalDate.parse("2026-02-01"), null));

        assertThat(conflicts(candidate("7701", null, null, terms(LINK_DEAL_PROJECT, false))))
                .extracting(ClaimConflict::rule, ClaimConflict::reason, ClaimConflict::claim, ClaimConflict::review)
                .containsExactly(tuple(DealRule.LINKED_TO_ANOTHER_PARTNER, "Customer tax id 7701 is linked to another"
                        + " partner since 2026-02-01, but a partner created that customer record and its account has no"
                        + " consumption: the operator decides.", "link/5", true));

        consumption.put("acc-1", ConsumptionDays.of(LocalDate.parse("2026-03-01")));
        assertThat(conflicts(candidate("7701", null, null, terms(LINK_DEAL_PROJECT, false))))
                .as("consumption on the account proves the link: rejected as before")
                .extracting(ClaimConflict::rule, ClaimConflict::reason, ClaimConflict::review)
                .containsExactly(tuple(DealRule.LINKED_TO_ANOTHER_PARTNER,
                        "Customer tax id 7701 is linked to another partner since 2026-02-01.", false));
    }

    @Test
    void aRecordTheOperatorCreatedRejectsEvenWithoutConsumptionAndOutweighsASquattersRecord() {
        partnersCustomer(1, "7701", "acc-1");
        links.add(new LinkFact(5, 2, 1, LocalDate.parse("2026-01-01"), null));
        customer(2, "7701", "acc-2");
        links.add(new LinkFact(6, 3, 2, LocalDate.parse("2026-03-01"), null));

        assertThat(conflicts(candidate("7701", null, null, terms(LINK_DEAL_PROJECT, false))))
                .extracting(ClaimConflict::claim, ClaimConflict::review)
                .containsExactly(tuple("link/6", false));
    }

    @Test
    void everyBrokenRuleIsListedInTheOrderOfPrecedence() {
        customer(1, "7701", "acc-1");
        links.add(new LinkFact(5, 2, 1, LocalDate.parse("2026-02-01"), null));
        consumption.put("acc-1", ConsumptionDays.of(LocalDate.parse("2026-03-01")));
        deals.add(new ActiveDeal(11, 3, "7701", LocalDate.parse("2026-04-01"), null, null));

        assertThat(conflicts(candidate("7701", null, null, terms(LINK_DEAL_PROJECT, true))))
                .extracting(ClaimConflict::rule)
                .containsExactly(DealRule.LINKED_TO_ANOTHER_PARTNER, DealRule.ACTIVE_DEAL_TAX_ID, DealRule.NOT_A_NEW_CUSTOMER);
        assertThat(conflicts(candidate("7701", null, null,
                terms(List.of(ClaimKind.DEAL, ClaimKind.LINK, ClaimKind.PROJECT), true))))
                .extracting(ClaimConflict::rule)
                .containsExactly(DealRule.ACTIVE_DEAL_TAX_ID, DealRule.NOT_A_NEW_CUSTOMER);
    }

    @Test
    void aPendingDealJudgedAgainDoesNotConflictWithItself() {
        deals.add(new ActiveDeal(11, 1, "7701", LocalDate.parse("2026-04-01"), null, "acme.ru"));
        Candidate itself = new Candidate(11L, 1, "7701", REGISTERED, REGISTERED, null, "acme.ru",
                terms(LINK_DEAL_PROJECT, false), "Test Cloud");

        assertThat(ClaimRules.conflicts(itself, facts(), PUBLIC_MAIL)).isEmpty();
    }

    private void customer(long id, String taxId, String account) {
        customers.add(new CustomerFact(id, taxId, account, false));
    }

    /** A customer record a partner created (customer.created_by_partner_id set). */
    private void partnersCustomer(long id, String taxId, String account) {
        customers.add(new CustomerFact(id, taxId, account, true));
    }

    private ClaimFacts facts() {
        return new ClaimFacts(customers, links, projects, consumption, deals);
    }

    private List<ClaimConflict> conflicts(Candidate candidate) {
        return ClaimRules.conflicts(candidate, facts(), PUBLIC_MAIL);
    }

    private static Candidate candidate(String taxId, String email, String domain, DealTerms terms) {
        return new Candidate(null, 1, taxId, REGISTERED, REGISTERED, CustomerContacts.email(email),
                CustomerContacts.domain(domain), terms, "Test Cloud");
    }

    private static DealTerms terms(List<ClaimKind> precedence, boolean newCustomerOnly) {
        return new DealTerms(new BigDecimal("15"), null, newCustomerOnly, 60, 20, precedence, null);
    }

    private static DealTerms terms(List<ClaimKind> precedence, boolean newCustomerOnly, DealTerms.DirectCustomer direct) {
        return new DealTerms(new BigDecimal("15"), null, newCustomerOnly, 60, 20, precedence, null, direct);
    }
}
