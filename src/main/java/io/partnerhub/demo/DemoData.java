package io.partnerhub.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.partnerhub.customer.Customer;
import io.partnerhub.customer.Customers;
import io.partnerhub.deal.Deal;
import io.partnerhub.deal.Deals;
import io.partnerhub.deal.ProjectRegistrations;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.PartnerApiTokens;
import io.partnerhub.portal.PortalUsers;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.LegalForm;
import io.partnerhub.program.DealTerms;
import io.partnerhub.program.PartnerModel;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.EmbeddedDatabase;
import io.partnerhub.shared.PartnerhubProperties;
import io.partnerhub.settlement.PeriodClose;
import io.partnerhub.shared.Today;
import io.partnerhub.shared.Tokens;

/** Loads the demo data set once, in one transaction, when the embedded database is empty. */
@Component
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final Caller DEMO = new Caller.Operator("demo-loader");
    private static final int CUSTOMERS_PER_PARTNER = 4;
    private static final String DIRECT_ACCOUNT = "demo-direct-1";
    /** Business days the demo's provider takes to approve a deal, within every shipped program's deadline. */
    private static final int DAYS_TO_DECIDE = 5;

    private final PartnerhubProperties properties;
    private final EmbeddedDatabase embedded;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Partners partners;
    private final Customers customers;
    private final Deals deals;
    private final ProjectRegistrations projects;
    private final DemoUsage usage;
    private final Today today;
    private final ProgramCatalog programs;
    private final PeriodClose periodClose;
    private final DemoBilling billing;
    private final PortalUsers portalUsers;
    private final PartnerApiTokens tokens;
    private final DemoIncentives incentives;

    DemoData(PartnerhubProperties properties, EmbeddedDatabase embedded, JdbcClient jdbc,
             TransactionTemplate transaction, Partners partners, Customers customers, Deals deals,
             ProjectRegistrations projects, DemoUsage usage, Today today, ProgramCatalog programs,
             PeriodClose periodClose, PortalUsers portalUsers, PartnerApiTokens tokens, DemoIncentives incentives,
             DemoBilling billing) {
        this.billing = billing;
        this.tokens = tokens;
        this.incentives = incentives;
        this.periodClose = periodClose;
        this.portalUsers = portalUsers;
        this.properties = properties;
        this.embedded = embedded;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.partners = partners;
        this.customers = customers;
        this.deals = deals;
        this.projects = projects;
        this.usage = usage;
        this.today = today;
        this.programs = programs;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.demo() || !embedded.running()) {
            return;
        }
        if (jdbc.sql("select count(*) from partner_account_view").query(Long.class).single() > 0) {
            return;
        }
        long started = System.nanoTime();
        YearMonth firstMonth = YearMonth.from(today.date()).minusMonths(8);
        List<Partner> made = transaction.execute(status -> partnersWithCustomersAndDeals(firstMonth));
        long rows = importUsage(made, firstMonth);
        // Statements to read: every month but last month (left open to close by hand) and this one.
        periodClose.close(DEMO.name(), YearMonth.from(today.date()).minusMonths(2));
        // the closes may have changed a partner's model (Oblakoteka's qualification): the files name it as it is now
        List<Partner> now = made.stream().map(p -> partners.find(DEMO, p.id())).toList();
        transaction.executeWithoutResult(status -> incentives.grant(DEMO, now));
        transaction.executeWithoutResult(status -> billing.pay(DEMO, now));
        writeTokens(issueTokens(now));
        write(portalUsersFile(), portalUsers(now));
        log.info("Demo data loaded in {} ms ({} partners, {} usage rows); partner tokens for trying the API are in {},"
                        + " portal sign-ins in {}", (System.nanoTime() - started) / 1_000_000, made.size(), rows,
                tokensFile(), portalUsersFile());
    }

    private List<Partner> partnersWithCustomersAndDeals(YearMonth firstMonth) {
        Random random = new Random(20260101);
        LocalDate contract = firstMonth.atDay(1);
        List<Partner> made = List.of(
                partner("vk-cloud", PartnerModel.PARTNER, "ООО «Северный интегратор»", contract),
                partner("vk-cloud", PartnerModel.WHITE_LABEL, "ООО «Белая марка»", contract),
                partner("vk-cloud", PartnerModel.AGENT, "ООО «Агентство облаков»", contract),
                partner("oblakoteka", PartnerModel.REFERRAL, "ООО «Рекомендатель»", contract),
                partner("oblakoteka", PartnerModel.RESELLER, "ООО «Перепродажа»", contract),
                partner("oblakoteka", PartnerModel.AGENT, "ООО «Облачный агент»", contract),
                partner("oblakoteka", PartnerModel.WHITE_LABEL, "ООО «Свой бренд»", contract),
                partner("yandex-cloud", PartnerModel.RESELLER, "ООО «Яндекс-партнёр Восток»", contract),
                partner("yandex-cloud", PartnerModel.RESELLER, "ООО «Яндекс-партнёр Запад»", contract));
        int customerNo = 0;
        for (Partner partner : made) {
            for (int i = 0; i < CUSTOMERS_PER_PARTNER; i++) {
                customerNo++;
                Customer customer = customers.create(DEMO, "Клиент " + customerNo + " (" + partner.name() + ")",
                        taxId(9_000_000_000L + customerNo), customerAccount(customerNo));
                LocalDate from = contract.plusDays(random.nextInt(20));
                customers.link(DEMO, partner.id(), customer.id(), from, null,
                        i == CUSTOMERS_PER_PARTNER - 1 ? "FIRST_MONTH" : "MONTHLY", from);
            }
            deals(partner, customerNo, contract.plusMonths(1));
        }
        Customer direct = customers.create(DEMO, "Прямой клиент с проектом", taxId(9_500_000_001L), DIRECT_ACCOUNT);
        LocalDate registeredOn = firstMonth.plusMonths(4).atDay(1);
        Partner yandex = made.get(7);
        boolean offered = programs.find(yandex.programId()).flatMap(p -> p.versionOn(registeredOn))
                .flatMap(terms -> terms.projectRegistration()).isPresent();
        if (offered) {
            projects.register(DEMO, new ProjectRegistrations.Request(yandex.id(), direct.id(),
                    "folder-" + DIRECT_ACCOUNT + "-0", registeredOn, new BigDecimal("12")));
        }
        return made;
    }

    /** One generated export per program, imported like any provider's file. */
    private long importUsage(List<Partner> made, YearMonth firstMonth) {
        YearMonth thisMonth = YearMonth.from(today.date());
        long rows = 0;
        long seed = 1;
        for (String program : List.of("vk-cloud", "oblakoteka", "yandex-cloud")) {
            List<String> customerAccounts = new ArrayList<>();
            List<String> own = new ArrayList<>();
            for (int p = 0; p < made.size(); p++) {
                if (made.get(p).programId().equals(program)) {
                    own.add(made.get(p).accountId());
                    for (int i = 1; i <= CUSTOMERS_PER_PARTNER; i++) {
                        customerAccounts.add(customerAccount(p * CUSTOMERS_PER_PARTNER + i));
                    }
                }
            }
            if (program.equals("yandex-cloud")) {
                customerAccounts.add(DIRECT_ACCOUNT);
            }
            rows += usage.importFor(program, customerAccounts, own, firstMonth, thisMonth,
                    customerAccounts.size() * 9L * 40, seed++);
        }
        return rows;
    }

    private static String customerAccount(int customerNo) {
        return "demo-acc-" + customerNo;
    }

    private Partner partner(String program, PartnerModel model, String name, LocalDate contract) {
        String taxId = taxId(7_700_000_000L + Math.abs((program + model + name).hashCode() % 99_999_999));
        return partners.register(DEMO, new Partners.Application(program, model, name, LegalForm.LEGAL_ENTITY, taxId,
                contract.minusYears(3), "RU", contract, "own-" + taxId,
                null, null));
    }

    /**
     * A deal registered a month after the contract and approved a week later, as the provider answers
     * within the program's approval business days (docs/deals.md, "Approval deadlines"); and one
     * registered today, waiting in the queue.
     */
    private void deals(Partner partner, int customerNo, LocalDate registeredOn) {
        Deal approved = deals.register(DEMO, new Deals.Registration(partner.id(), taxId(9_000_000_000L + customerNo),
                "Клиент " + customerNo, "Миграция в облако", new BigDecimal("150000.00"), registeredOn));
        Program program = programs.find(partner.programId()).orElseThrow();
        DealTerms terms = program.versionOn(registeredOn).orElseThrow().deals();
        LocalDate decidedOn = terms.approvalBusinessDays() == null ? registeredOn.plusDays(DAYS_TO_DECIDE)
                : program.calendar().plusBusinessDays(registeredOn, Math.min(DAYS_TO_DECIDE, terms.approvalBusinessDays()));
        deals.approve(DEMO, approved.id(), terms.extraPercentCap().min(new BigDecimal("10")), decidedOn);
        deals.register(DEMO, new Deals.Registration(partner.id(), taxId(8_000_000_000L + customerNo),
                "Перспективный клиент " + customerNo, "Пилот аналитики", new BigDecimal("40000.00"), null));
    }

    private List<String> issueTokens(List<Partner> made) {
        List<String> lines = new ArrayList<>();
        for (Partner partner : made) {
            String token = tokens.issueSecret(DEMO, partner.id(), "demo");
            lines.add(String.format("%-4d %-13s %-12s %s  %s", partner.id(), partner.programId(), partner.model(),
                    token, partner.name()));
        }
        return lines;
    }

    /** An operator, and an ADMIN and a SALES person per demo partner, each with a generated password. */
    private List<String> portalUsers(List<Partner> made) {
        List<String> lines = new ArrayList<>();
        lines.add(portalUser("operator@demo.partnerhub", "Demo operator", null, PortalUsers.Role.OPERATOR));
        for (Partner partner : made) {
            lines.add(portalUser("admin-" + partner.id() + "@demo.partnerhub", partner.name() + " admin", partner.id(),
                    PortalUsers.Role.ADMIN));
            lines.add(portalUser("sales-" + partner.id() + "@demo.partnerhub", partner.name() + " sales", partner.id(),
                    PortalUsers.Role.SALES));
        }
        return lines;
    }

    private String portalUser(String email, String name, Long partnerId, PortalUsers.Role role) {
        String password = Tokens.generate("").substring(0, 16);
        portalUsers.create(DEMO, new PortalUsers.NewUser(email, name, partnerId, role, password));
        return String.format("%-32s %-16s %-8s %s", email, password, role, partnerId == null ? "" : partnerId);
    }

    private Path portalUsersFile() {
        return properties.dataDir().resolve("demo-portal-users.txt");
    }

    private void writeTokens(List<String> lines) {
        write(tokensFile(), lines);
    }

    private void write(Path file, List<String> lines) {
        try {
            Files.createDirectories(properties.dataDir());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path tokensFile() {
        return properties.dataDir().resolve("demo-partner-tokens.txt");
    }

    private static String taxId(long n) {
        return String.valueOf(n);
    }
}
