package io.partnerhub.settlement;

import io.partnerhub.Api;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static io.partnerhub.settlement.CloseFixture.OPERATOR;

/**
 * The five partners of {@link CloseScenarioTest}, all contracted on 2025-10-01, with their
 * customers, and the statements they get in months where nothing new happens to them.
 */
final class ScenarioPartners {

    /** Terms in force: Yandex Cloud 003 (from 2020-01-01) until 2025-12-31, 004 from 2026-01-01; the others one version. */
    static final String OLD = "2020-01-01";
    static final String NEW = "2026-01-01";
    static final String ZERO = "0.00";

    private final Api api;
    private final StatementBook book;

    /** Yandex Cloud reseller with its own account sc-ya-own; customer a from the start, b from 2026-02-01. */
    final long yandex;
    /** A direct customer of Yandex Cloud (linked to no partner), where the reseller registers a project. */
    final long direct;
    /** Oblakoteka agent: Professional from its contract. */
    final long agent;
    /** Oblakoteka reseller: Basic until it meets the requirement. */
    final long reseller;
    /** VK Cloud partner: Silver; customer b from 2026-04-01. */
    final long vkPartner;
    /** VK Cloud agent: no status. */
    final long vkAgent;

    ScenarioPartners(Api api, CloseFixture fixture, StatementBook book) {
        this.api = api;
        this.book = book;
        yandex = fixture.partner("yandex-cloud", "RESELLER", "2025-10-01", "sc-ya-own");
        fixture.customer(yandex, "sc-ya-a", "2025-10-01");
        fixture.customer(yandex, "sc-ya-b", "2026-02-01");
        direct = fixture.directCustomer("sc-ya-direct");
        agent = fixture.partner("oblakoteka", "AGENT", "2025-10-01", null);
        fixture.customer(agent, "sc-oa-a", "2025-10-01");
        reseller = fixture.partner("oblakoteka", "RESELLER", "2025-10-01", null);
        fixture.customer(reseller, "sc-or-a", "2025-10-01");
        vkPartner = fixture.partner("vk-cloud", "PARTNER", "2025-10-01", null);
        fixture.customer(vkPartner, "sc-vp-a", "2025-10-01");
        fixture.customer(vkPartner, "sc-vp-b", "2026-04-01");
        vkAgent = fixture.partner("vk-cloud", "AGENT", "2025-10-01", null);
        fixture.customer(vkAgent, "sc-va-a", "2025-10-01");
    }

    /** Yandex Cloud from 2026-04: customers a and b (b at 25 %), nothing excluded, so eligible = list. */
    StatementBook.Check yandexMonth(String period, String listCost, String discount, String rebate,
                                            String payable) {
        return book.of(yandex, period).settledAs(NEW, "RESELLER", null)
                .totals(listCost, listCost, discount, ZERO, rebate, ZERO, payable);
    }

    /** The Oblakoteka agent, still Professional: 27 % of Databases, a main service. */
    void agentMonth(String period, String listCost, String reward) {
        book.of(agent, period).settledAs(OLD, "AGENT", "PROFESSIONAL")
                .totals(listCost, listCost, ZERO, reward, ZERO, ZERO, ZERO)
                .lines("LIST_COST " + listCost, "REWARD " + listCost + " x 27 % = " + reward);
    }

    /** The former reseller as White Label: 27 % of KVM 10 000.00 = 2 700.00; payable 7 300.00. */
    void whiteLabelMonth(String period) {
        book.of(reseller, period).settledAs(OLD, "WHITE_LABEL", "PROFESSIONAL")
                .totals("10000.00", "10000.00", "2700.00", ZERO, ZERO, ZERO, "7300.00")
                .lines("LIST_COST 10000.00", "DISCOUNT 10000.00 x 27 % = 2700.00");
    }

    /** VK Cloud partner, Silver: 10 % of customer a's Cloud Servers, nothing excluded. */
    void vkSilverMonth(String period, String listCost, String discount, String payable) {
        book.of(vkPartner, period).settledAs(OLD, "PARTNER", "SILVER")
                .totals(listCost, listCost, discount, ZERO, ZERO, ZERO, payable)
                .lines("LIST_COST " + listCost, "DISCOUNT " + listCost + " x 10 % = " + discount);
    }

    /** VK Cloud partner, Gold from 2026-04: customer a 12 % x 1 000 000.00, customer b capped 30 % x 100 000.00. */
    StatementBook.Check vkGoldMonth(String period) {
        return book.of(vkPartner, period).settledAs(OLD, "PARTNER", "GOLD")
                .totals("1100000.00", "1100000.00", "150000.00", ZERO, ZERO, ZERO, "950000.00")
                .lines("LIST_COST 1000000.00", "DISCOUNT 1000000.00 x 12 % = 120000.00",
                        "LIST_COST 100000.00", "DISCOUNT 100000.00 x 30 % = 30000.00");
    }

    /** VK Cloud agent: 10 % x Kubernetes 40 000.00 = 4 000.00, paid as a reward; no status. */
    void vkAgentMonth(String period) {
        book.of(vkAgent, period).settledAs(OLD, "AGENT", null)
                .totals("40000.00", "40000.00", ZERO, "4000.00", ZERO, ZERO, ZERO)
                .lines("LIST_COST 40000.00", "REWARD 40000.00 x 10 % = 4000.00");
    }

    /** GET /standing: the partner's model and tier over time, oldest first. */
    List<JsonNode> standing(long partner) {
        List<JsonNode> changes = new ArrayList<>();
        api.get("/api/v1/partners/" + partner + "/standing", OPERATOR).body().forEach(changes::add);
        return changes;
    }

    /** GET /balance: the amounts of the rebate ledger's entries, oldest first. */
    List<String> ledgerAmounts(long partner) {
        List<String> amounts = new ArrayList<>();
        api.get("/api/v1/partners/" + partner + "/balance", OPERATOR).body().get("entries")
                .forEach(entry -> amounts.add(entry.get("kind").asString() + " " + entry.get("amount").asString()));
        return amounts;
    }

    /** GET /balance: the rebate balance. */
    String balance(long partner) {
        return api.get("/api/v1/partners/" + partner + "/balance", OPERATOR).text("rebateBalance");
    }
}
