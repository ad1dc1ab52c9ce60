package io.partnerhub.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;

/**
 * A Yandex Cloud partner export over real HTTP: stored with exact sums per funding source and
 * category, refused whole when a line is bad, and a duplicate when sent again.
 */
@PlatformTest
class YandexImportApiTest {

    private static final String IMPORTS = "/api/v1/usage/imports?format=yandex-detail";

    /** The partner export's columns in the export's order, with a reward and a label column. */
    private static final String HEADER = "billing_account_id,billing_account_name,cloud_id,cloud_name,folder_id,"
            + "folder_name,resource_id,service_id,service_name,sku_id,sku_name,date,currency,pricing_quantity,"
            + "pricing_unit,cost,credit,monetary_grant_credit,volume_incentive_credit,cud_credit,misc_credit,reward,"
            + "label.user_labels.env,locale,updated_at,exported_at";

    /**
     * The current month: it has not ended, so no test sharing the database can have closed it, and
     * it is not in the future.
     */
    private static final YearMonth MONTH = YearMonth.now(ZoneId.of("Europe/Moscow"));

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Api api;
    private String prefix;
    private String partner;
    private String customerA;
    private String customerB;

    @BeforeEach
    void connect() {
        api = new Api(port);
        prefix = "dn2" + Api.unique();
        partner = prefix + "partner";
        customerA = prefix + "suba";
        customerB = prefix + "subb";
    }

    /**
     * By hand, line by line (cost; grant; other credits → rows):
     * <pre>
     * 2 partner Compute Cloud     1200.00                                  → MONEY 1200.00
     * 3 A       Compute Cloud     2000.00; grant -500.00                   → MONEY 1500.00, GRANT 500.00
     * 4 A       Object Storage     350.55; volume -35.06                   → MONEY 350.55, CREDIT -35.06
     * 5 B       PostgreSQL         999.99; grant -40.00; cud -60.00        → MONEY 959.99, GRANT 40.00, CREDIT -60.00
     * 6 B       Marketplace          0.000001 (credits empty)              → MONEY 0.000001
     * USAGE MONEY 4010.540001, USAGE GRANT 540.00, CREDIT MONEY -95.06; 9 rows
     * </pre>
     */
    private String partnerExport() {
        LocalDate first = MONTH.atDay(1);
        LocalDate second = MONTH.atDay(2);
        return String.join("\r\n",
                HEADER,
                partner + ",Partner LLC,b1gcloudpartner,ops,b1gfolderpartner,tools,fhmpartnervm,dn2compute,"
                        + "Compute Cloud,dn2skuvcpu,\"Intel Ice Lake, 100% vCPU\"," + first + ",RUB,720,core*hour,"
                        + "1200.00,0,0,0,0,0,0,prod,en,1764547200,2026-11-02 03:00:00",
                "\"" + customerA + "\",\"ООО \"\"Ромашка\"\", Москва\",\"b1gcloudromashka\",\"shop\",\"b1gfolderweb\","
                        + "\"web\",\"fhmromashkavm\",\"dn2compute\",\"Compute Cloud\",\"dn2skuvcpu\","
                        + "\"Intel Ice Lake, 100% vCPU\",\"" + first + "\",\"RUB\",\"1200\",\"core*hour\",\"2000.00\","
                        + "\"-500.00\",\"-500.00\",\"0\",\"0\",\"0\",\"-300.00\",\"staging\",\"ru\",\"1764547200\","
                        + "\"2026-11-02 03:00:00\"",
                customerA + ",\"ООО \"\"Ромашка\"\", Москва\",b1gcloudromashka,shop,b1gfolderweb,web,romashka-static,"
                        + "dn2storage,Object Storage,dn2skustandard,Standard storage," + second + ",RUB,10240,"
                        + "gbyte*hour,350.55,-35.06,0,-35.06,0,0,-52.58,,ru,1764633600,2026-11-03 03:00:00",
                customerB + ",Beta JSC,b1gcloudbeta,beta,b1gfolderdb,db,c9qpghost,dn2mdbpg,"
                        + "Managed Service for PostgreSQL,dn2skupg,\"PostgreSQL, Intel Ice Lake, 100% vCPU\"," + second
                        + ",RUB,48,core*hour,999.99,-100.00,-40.00,0,-60.00,0,-150.00,prod,en,1764633600,"
                        + "2026-11-03 03:00:00",
                customerB + ",Beta JSC,b1gcloudbeta,beta,b1gfolderdb,db,,dn2marketplace,Marketplace,dn2skuapp,"
                        + "Some app," + second + ",RUB,0.001,1m*request,0.000001,0,,,,,0,,en,1764633600,"
                        + "2026-11-03 03:00:00",
                "");
    }

    @Test
    void aPartnerExportImportsWithExactSumsPerFundingSourceAndCategory() {
        Api.Response imported = upload(partnerExport());

        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        assertThat(imported.body().get("rowsAccepted").asInt()).isEqualTo(9);
        assertThat(imported.body().get("duplicate").asBoolean()).isFalse();
        assertThat(imported.body().get("periods").get(0).asString()).isEqualTo(MONTH.toString());
        assertThat(imported.body().get("unattributedAccounts").asInt()).isEqualTo(3);
        assertSums(prefix + "%", "USAGE MONEY", "4010.540001", "USAGE GRANT", "540.00", "CREDIT MONEY", "-95.06");
        assertSums(partner, "USAGE MONEY", "1200.00");
        assertSums(customerA, "USAGE MONEY", "1850.55", "USAGE GRANT", "500.00", "CREDIT MONEY", "-35.06");
        assertSums(customerB, "USAGE MONEY", "959.990001", "USAGE GRANT", "40.00", "CREDIT MONEY", "-60.00");
    }

    @Test
    void aStoredRowKeepsTheMoscowDayAndTheFolderAndCloud() {
        upload(partnerExport());

        Map<String, Object> row = jdbc.sql("""
                        select period, charge_start, charge_end, project_id, parent_project_id, provider_name,
                               billing_account_id, sku_id, resource_id, pricing_quantity, pricing_unit
                          from usage_row
                         where account_id = :a and funding_source = 'GRANT'""")
                .param("a", customerB).query().singleRow();

        assertThat(row.get("period").toString()).isEqualTo(MONTH.atDay(1).toString());
        assertThat(((Timestamp) row.get("charge_start")).toInstant())
                .isEqualTo(MONTH.atDay(2).atStartOfDay(ZoneId.of("Europe/Moscow")).toInstant());
        assertThat(((Timestamp) row.get("charge_end")).toInstant())
                .isEqualTo(MONTH.atDay(3).atStartOfDay(ZoneId.of("Europe/Moscow")).toInstant());
        assertThat(row).containsEntry("project_id", "b1gfolderdb").containsEntry("parent_project_id", "b1gcloudbeta")
                .containsEntry("provider_name", "Yandex Cloud").containsEntry("billing_account_id", customerB)
                .containsEntry("sku_id", "dn2skupg").containsEntry("resource_id", "c9qpghost")
                .containsEntry("pricing_unit", "core*hour");
        assertThat((BigDecimal) row.get("pricing_quantity")).isEqualByComparingTo("48");
    }

    @Test
    void badLinesStoreNothingAndAreNamedByLineAndColumn() {
        String file = String.join("\r\n",
                "billing_account_id,date,service_name,cost,currency,monetary_grant_credit",
                customerA + "," + MONTH.atDay(1) + ",Compute Cloud,100.00,RUB,-10.00",
                customerA + "," + MONTH.atDay(1) + ",Compute Cloud,100.00,RUB,10.00",
                customerA + "," + MONTH.atDay(1) + ",Compute Cloud,\"100,00\",RUB,",
                customerB + ",01." + MONTH.toString().substring(5) + "." + MONTH.getYear() + ",Compute Cloud,1,RUB,0",
                "");

        Api.Response refused = upload(file);

        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("rowsRejected").asInt()).isEqualTo(3);
        assertThat(refused.body().get("errors")).hasSize(3);
        assertError(refused, 0, 3, "monetary_grant_credit", "'10.00' is positive; a credit is zero or negative");
        assertError(refused, 1, 4, "cost", "'100,00' is not a decimal number");
        assertError(refused, 2, 5, "date", "is not a date (YYYY-MM-DD)");
        assertThat(rows()).isZero();
    }

    @Test
    void theSameFileAgainIsADuplicateThatStoresNothingMore() {
        byte[] file = partnerExport().getBytes(StandardCharsets.UTF_8);

        Api.Response first = api.upload(IMPORTS, Api.OPERATOR_TOKEN, file, "text/csv");
        Api.Response again = api.upload(IMPORTS, Api.OPERATOR_TOKEN, file, "text/csv");

        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.body().get("duplicate").asBoolean()).isTrue();
        assertThat(again.body().get("rowsAccepted").asInt()).isZero();
        assertThat(again.body().get("importId").asLong()).isEqualTo(first.body().get("importId").asLong());
        assertThat(rows()).isEqualTo(9);
        assertSums(prefix + "%", "USAGE MONEY", "4010.540001", "USAGE GRANT", "540.00", "CREDIT MONEY", "-95.06");
    }

    private Api.Response upload(String file) {
        return api.upload(IMPORTS, Api.OPERATOR_TOKEN, file.getBytes(StandardCharsets.UTF_8), "text/csv");
    }

    private static void assertError(Api.Response refused, int index, int line, String column, String message) {
        var error = refused.body().get("errors").get(index);
        assertThat(error.get("line").asInt()).isEqualTo(line);
        assertThat(error.get("column").asString()).isEqualTo(column);
        assertThat(error.get("message").asString()).endsWith(message);
    }

    private long rows() {
        return jdbc.sql("select count(*) from usage_row where account_id like :p").param("p", prefix + "%")
                .query(Long.class).single();
    }

    /**
     * The list cost of the accounts matching {@code accounts} (a LIKE pattern), by "CATEGORY FUNDING":
     * exactly the kinds given, each with exactly the sum given.
     */
    private void assertSums(String accounts, String... kindsAndSums) {
        Map<String, BigDecimal> sums = new HashMap<>();
        jdbc.sql("""
                        select charge_category || ' ' || funding_source as kind, sum(list_cost) as total
                          from usage_row where account_id like :accounts group by 1""")
                .param("accounts", accounts)
                .query((rs, n) -> sums.put(rs.getString("kind"), rs.getBigDecimal("total"))).list();
        Map<String, String> expected = new HashMap<>();
        for (int i = 0; i < kindsAndSums.length; i += 2) {
            expected.put(kindsAndSums[i], kindsAndSums[i + 1]);
        }
        assertThat(sums.keySet()).as(accounts).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((kind, sum) -> assertThat(sums.get(kind)).as(accounts + " " + kind).isEqualByComparingTo(sum));
    }
}
