package io.partnerhub.demo;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.program.Service;
import io.partnerhub.shared.Today;

/**
 * Usage rows for the demo: each account consumes some of its program's services every few days
 * from the first demo month to today, with an excluded service, grant-funded rows and a credit.
 */
@Component
class DemoUsage {

    private final JdbcTemplate jdbc;
    private final ProgramCatalog programs;
    private final Today today;
    private final List<Object[]> pending = new ArrayList<>();
    private Long importId;

    DemoUsage(JdbcTemplate jdbc, ProgramCatalog programs, Today today) {
        this.jdbc = jdbc;
        this.programs = programs;
        this.today = today;
    }

    void customerMonths(String programId, String accountId, YearMonth first, Random random) {
        LocalDate end = today.date();
        for (YearMonth month = first; !month.atDay(1).isAfter(end); month = month.plusMonths(1)) {
            ProgramVersion terms = programs.find(programId).orElseThrow().versionFor(month).orElseThrow();
            List<Service> services = terms.services();
            List<Service> chosen = new ArrayList<>(services.stream().filter(s -> !s.excluded()).limit(3).toList());
            services.stream().filter(Service::excluded).findFirst().ifPresent(chosen::add);
            for (Service service : chosen) {
                BigDecimal scale = service.excluded() ? new BigDecimal("300") : new BigDecimal("2500");
                for (LocalDate day = month.atDay(1); day.isBefore(month.plusMonths(1).atDay(1)) && !day.isAfter(end);
                     day = day.plusDays(5)) {
                    row(accountId, month, day, "USAGE", service.name(), null, "MONEY", amount(scale, random));
                }
            }
            if (random.nextInt(3) == 0) {
                row(accountId, month, month.atDay(10), "USAGE", chosen.getFirst().name(), null, "GRANT",
                        amount(new BigDecimal("1000"), random));
            }
            if (random.nextInt(4) == 0) {
                row(accountId, month, month.atDay(15), "CREDIT", chosen.getFirst().name(), null, "MONEY",
                        amount(new BigDecimal("500"), random).negate());
            }
        }
    }

    /** A direct customer's folder whose consumption grows, for project registration. */
    void projectMonths(String accountId, String projectId, YearMonth first, Random random) {
        LocalDate end = today.date();
        int n = 0;
        for (YearMonth month = first; !month.atDay(1).isAfter(end); month = month.plusMonths(1), n++) {
            BigDecimal base = new BigDecimal(5000 + 1500 * n);
            row(accountId, month, month.atDay(1), "USAGE", "Compute Cloud", projectId, "MONEY",
                    base.add(amount(new BigDecimal("500"), random)));
        }
    }

    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                insert into usage_row (import_id, period, account_id, charge_start, charge_category, service_name,
                                       project_id, funding_source, list_cost, billed_cost, currency)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RUB')""", pending);
        jdbc.update("update usage_import set rows_accepted = rows_accepted + ? where id = ?", pending.size(), importId());
        pending.clear();
    }

    private void row(String account, YearMonth month, LocalDate day, String category, String service, String project,
                     String funding, BigDecimal listCost) {
        pending.add(new Object[]{importId(), Date.valueOf(month.atDay(1)), account,
                Timestamp.valueOf(day.atTime(0, 0)), category, service, project, funding, listCost, listCost});
    }

    private long importId() {
        if (importId == null) {
            importId = jdbc.queryForObject("""
                    insert into usage_import (format, checksum, file_name, rows_accepted, imported_by)
                    values ('demo', repeat('0', 64), 'demo data', 0, 'demo-loader') returning id""", Long.class);
        }
        return importId;
    }

    private static BigDecimal amount(BigDecimal scale, Random random) {
        return scale.multiply(BigDecimal.valueOf(50 + random.nextInt(100))).movePointLeft(2)
                .add(BigDecimal.valueOf(random.nextInt(100)).movePointLeft(2));
    }
}
