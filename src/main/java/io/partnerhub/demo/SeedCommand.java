package io.partnerhub.demo;

import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.partnerhub.Partnerhub;
import io.partnerhub.customer.BulkCustomers;
import io.partnerhub.partner.BulkPartners;
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
        List<BulkPartners.Row> partnerRows = new ArrayList<>();
        for (int p = 0; p < partners; p++) {
            partnerRows.add(new BulkPartners.Row(program.id(), model, terms.initialTier(), "Seed partner " + p,
                    String.format("77%08d", p), contract.minusYears(3), contract, UsageFileGenerator.partnerAccount(p)));
        }
        long first = BulkPartners.load(connection, partnerRows, "seed");
        List<BulkCustomers.Row> customerRows = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            customerRows.add(new BulkCustomers.Row("Seed customer " + c, String.format("90%08d", c),
                    UsageFileGenerator.customerAccount(c), first + c % partners, contract));
        }
        BulkCustomers.load(connection, customerRows, "seed");
        return first;
    }
}
