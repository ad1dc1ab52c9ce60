package io.partnerhub.demo;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.partnerhub.Partnerhub;
import io.partnerhub.program.ModelTerms;
import io.partnerhub.program.PartnerModel;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.usage.UsageFileGenerator;

/**
 * {@code partnerhub seed}: a population for benchmarks, matching the accounts {@code generate}
 * writes: partner {@code p} with own account {@code own-<p>}, customer {@code i} with account
 * {@code acc-<i>} linked to partner {@code i % partners} from the contract date. Loaded with COPY
 * in one transaction, so 200 000 customers take seconds.
 */
@Command(name = "seed", mixinStandardHelpOptions = true,
        description = "Create partners and linked customers matching the accounts 'generate' writes (for benchmarks).")
public final class SeedCommand implements Callable<Integer> {

    @Option(names = "--program", defaultValue = "vk-cloud", description = "program (${DEFAULT-VALUE})")
    String programId;
    @Option(names = "--model", defaultValue = "PARTNER", description = "model of every partner (${DEFAULT-VALUE})")
    PartnerModel model;
    @Option(names = "--partners", defaultValue = "20", description = "partners (${DEFAULT-VALUE})")
    int partners;
    @Option(names = "--customers", defaultValue = "2000", description = "customers (${DEFAULT-VALUE})")
    int customers;
    @Option(names = "--contract", defaultValue = "2026-01-01", description = "contract and link start date (${DEFAULT-VALUE})")
    LocalDate contract;

    @Override
    public Integer call() throws Exception {
        Program program = ProgramCatalog.outsideThePlatform("").find(programId)
                .orElseThrow(() -> new IllegalArgumentException("no program " + programId));
        ModelTerms terms = program.versionOn(contract).flatMap(v -> v.model(model))
                .orElseThrow(() -> new IllegalArgumentException(program.name() + " has no " + model + " model on " + contract));
        try (ConfigurableApplicationContext platform = Partnerhub.withoutWeb(Map.of());
             Connection connection = platform.getBean(DataSource.class).getConnection()) {
            long started = System.nanoTime();
            connection.setAutoCommit(false);
            long firstPartner = seed(connection, program, terms);
            connection.commit();
            System.out.printf("seeded %d %s partners (ids from %d) and %d linked customers in %.1f s%n", partners,
                    program.name(), firstPartner, customers, (System.nanoTime() - started) / 1e9);
        }
        return 0;
    }

    long seed(Connection connection, Program program, ModelTerms terms) throws Exception {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder rows = new StringBuilder();
        for (int p = 0; p < partners; p++) {
            rows.append(program.id()).append('\t').append(model).append('\t')
                    .append(terms.initialTier() == null ? "\\N" : terms.initialTier()).append('\t')
                    .append("Seed partner ").append(p).append('\t').append("LEGAL_ENTITY\t")
                    .append(String.format("77%08d", p)).append('\t').append(contract.minusYears(3)).append("\tRU\t")
                    .append(contract).append('\t').append(UsageFileGenerator.partnerAccount(p)).append("\tseed\n");
        }
        copy.copyIn("COPY partner (program_id, model, tier, name, legal_form, tax_id, registered_on, country,"
                + " contract_date, account_id, created_by) FROM STDIN", new StringReader(rows.toString()));
        long first = firstPartnerId(connection, program);
        execute(connection, "insert into partner_standing (partner_id, effective_from, model, tier, reason)"
                + " select id, contract_date, model, tier, 'contract' from partner where created_by = 'seed' and id >= " + first);
        rows.setLength(0);
        for (int c = 0; c < customers; c++) {
            rows.append("Seed customer ").append(c).append('\t').append(String.format("90%08d", c)).append('\t')
                    .append(UsageFileGenerator.customerAccount(c)).append("\tseed\n");
        }
        copy.copyIn("COPY customer (name, tax_id, account_id, created_by) FROM STDIN", new StringReader(rows.toString()));
        execute(connection, """
                insert into customer_link (partner_id, customer_id, valid_from, created_by)
                select %d + (cast(substring(c.account_id from 5) as int) %% %d), c.id, date '%s', 'seed'
                  from customer c where c.created_by = 'seed' and c.account_id like 'acc-%%'
                """.formatted(first, partners, contract));
        return first;
    }

    private long firstPartnerId(Connection connection, Program program) throws Exception {
        try (PreparedStatement select = connection.prepareStatement(
                "select min(id) from partner where created_by = 'seed' and tax_id = ?")) {
            select.setString(1, String.format("77%08d", 0));
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void execute(Connection connection, String sql) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }
}
