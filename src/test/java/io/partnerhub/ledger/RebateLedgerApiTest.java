package io.partnerhub.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.Reason;

/** The rebate balance: accruals in, withdrawals out, never below zero, never edited. */
@PlatformTest
class RebateLedgerApiTest {

    private static final String OPERATOR = Api.OPERATOR_TOKEN;

    @LocalServerPort
    int port;

    @Autowired
    RebateLedger ledger;

    @Autowired
    JdbcClient jdbc;

    private Api api;
    private long partner;

    @BeforeEach
    void partnerWithAThousandAccrued() {
        api = new Api(port);
        Api.Response created = api.post("/api/v1/partners", OPERATOR, Map.of("programId", "yandex-cloud",
                "model", "RESELLER", "name", "Rebates " + Api.unique(), "legalForm", "LEGAL_ENTITY", "taxId", Api.unique(),
                "registeredOn", "2020-01-01", "country", "RU", "contractDate", "2026-01-01"));
        partner = created.id();
        ledger.accrue("test", partner, Money.of("1000.00", "RUB"), YearMonth.of(2026, 3),
                Reason.of("ledger.accrual", YearMonth.of(2026, 3), 1L, Reason.of("payout.rebateBalance")));
    }

    @Test
    void aBankWithdrawalLowersTheBalanceAndCreatesAPayout() {
        Api.Response withdrawn = api.post(withdrawals(), OPERATOR, Map.of("amount", "300.00", "destination", "BANK_ACCOUNT"));
        Api.Response balance = api.get("/api/v1/partners/" + partner + "/balance", OPERATOR);

        assertThat(withdrawn.status()).as(withdrawn.raw()).isEqualTo(201);
        assertThat(withdrawn.text("amount")).isEqualTo("-300.00");
        assertThat(withdrawn.text("destination")).isEqualTo("BANK_ACCOUNT");
        assertThat(balance.text("rebateBalance")).isEqualTo("700.00");
        assertThat(balance.text("currency")).isEqualTo("RUB");
        assertThat(balance.body().get("entries").findValuesAsString("kind")).containsExactly("ACCRUAL", "WITHDRAWAL");
        assertThat(balance.body().get("entries").findValuesAsString("amount")).containsExactly("1000.00", "-300.00");
        // the references: English as they always read, Russian with Accept-Language, the same code and arguments
        assertThat(balance.body().get("entries").findValuesAsString("reference")).containsExactly(
                "statement 2026-03 line 1: accrued to the rebate balance", "withdrawal to bank account");
        Api.Response russian = api.get("/api/v1/partners/" + partner + "/balance", OPERATOR, "Accept-Language", "ru");
        assertThat(russian.body().get("entries").findValuesAsString("reference")).containsExactly(
                "Отчёт за март 2026, строка 1: начислено на ребейт-баланс", "вывод на расчётный счёт");
        assertThat(russian.body().get("entries").findValuesAsString("reasonCode"))
                .isEqualTo(balance.body().get("entries").findValuesAsString("reasonCode"))
                .containsExactly("ledger.accrual", "ledger.withdrawal.BANK_ACCOUNT");
        assertThat(jdbc.sql("select amount from payout where ledger_entry_id = :e").param("e", withdrawn.id())
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("300.00");
    }

    @Test
    void aBonusWithdrawalAppliesToTheCurrentMonthByDefaultAndNeverToAClosedOne() {
        String thisMonth = YearMonth.now(ZoneId.of("Europe/Moscow")).toString();
        jdbc.sql("insert into accounting_period (period, status) values ('2018-04-01', 'CLOSED') on conflict (period) do nothing")
                .update();

        Api.Response bonus = api.post(withdrawals(), OPERATOR, Map.of("amount", "100.00", "destination", "BONUS"));
        Api.Response closed = api.post(withdrawals(), OPERATOR,
                Map.of("amount", "100.00", "destination", "BONUS", "period", "2018-04"));

        assertThat(bonus.status()).isEqualTo(201);
        assertThat(bonus.text("period")).isEqualTo(thisMonth);
        assertThat(closed.status()).isEqualTo(422);
        assertThat(closed.text("detail")).contains("period 2018-04 is closed");
        assertThat(api.get("/api/v1/partners/" + partner + "/balance", OPERATOR).text("rebateBalance")).isEqualTo("900.00");
    }

    @Test
    void moreThanTheBalanceIsRefusedAndChangesNothing() {
        Api.Response refused = api.post(withdrawals(), OPERATOR, Map.of("amount", "1000.01", "destination", "BANK_ACCOUNT"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().path("errors").findValuesAsString("field")).containsExactly("amount");
        assertThat(refused.text("detail")).contains("1000.01").contains("1000.00");
        assertThat(api.get("/api/v1/partners/" + partner + "/balance", OPERATOR).text("rebateBalance")).isEqualTo("1000.00");
    }

    @Test
    void ofTenConcurrentWithdrawalsOfThreeHundredExactlyThreeSucceed() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.post(withdrawals(), OPERATOR, Map.of("amount", "300.00", "destination", "BANK_ACCOUNT"));
                }));
            }
            start.countDown();
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Api.Response> answer : answers) {
            statuses.add(answer.get().status());
        }

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(3);
        assertThat(statuses).filteredOn(s -> s == 422).hasSize(7);
        assertThat(api.get("/api/v1/partners/" + partner + "/balance", OPERATOR).text("rebateBalance")).isEqualTo("100.00");
        assertThat(jdbc.sql("select count(*) from payout where partner_id = :p").param("p", partner).query(Long.class).single())
                .isEqualTo(3);
    }

    @Test
    void entriesAreNeverEditedTheDatabaseRefuses() {
        assertThatThrownBy(() -> jdbc.sql("update ledger_entry set amount = 5000 where partner_id = :p")
                .param("p", partner).update()).hasMessageContaining("never changed");
        assertThatThrownBy(() -> jdbc.sql("delete from ledger_entry where partner_id = :p")
                .param("p", partner).update()).hasMessageContaining("never changed");
    }

    @Test
    void aPartnerSeesOnlyItsOwnBalance() {
        String token = api.post("/api/v1/partners/" + partner + "/tokens", OPERATOR, "").text("token");
        Api.Response other = api.post("/api/v1/partners", OPERATOR, Map.of("programId", "yandex-cloud", "model", "RESELLER",
                "name", "Other " + Api.unique(), "legalForm", "LEGAL_ENTITY", "taxId", Api.unique(),
                "registeredOn", "2020-01-01", "country", "RU", "contractDate", "2026-01-01"));

        assertThat(api.get("/api/v1/partners/" + partner + "/balance", token).text("rebateBalance")).isEqualTo("1000.00");
        assertThat(api.get("/api/v1/partners/" + other.id() + "/balance", token).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/partners/" + other.id() + "/withdrawals", token,
                Map.of("amount", "1.00", "destination", "BONUS")).status()).isEqualTo(404);
    }

    private String withdrawals() {
        return "/api/v1/partners/" + partner + "/withdrawals";
    }
}
