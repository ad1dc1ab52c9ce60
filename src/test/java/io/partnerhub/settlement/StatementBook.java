package io.partnerhub.settlement;

import io.partnerhub.Api;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.partnerhub.settlement.CloseFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads statements over HTTP for a scenario, keeps the raw JSON of every statement read (to prove
 * later that closing again changed nothing), and checks them line by line. A line reads
 * {@code "DISCOUNT 12000.00 x 20 % = 2400.00"} when a rate was applied, else {@code "LIST_COST 13500.00"}.
 */
final class StatementBook {

    private final Api api;
    private final Map<String, String> read = new LinkedHashMap<>();

    StatementBook(Api api) {
        this.api = api;
    }

    /** The statement of {@code partner} for {@code period}, read now and remembered. */
    Check of(long partner, String period) {
        String path = "/api/v1/partners/" + partner + "/statements/" + period;
        Api.Response statement = api.get(path, OPERATOR);
        assertThat(statement.status()).as(path + ": " + statement.raw()).isEqualTo(200);
        read.put(path, statement.raw());
        return new Check(path, statement.body());
    }

    /** The raw JSON of every statement read so far, by path. */
    Map<String, String> readSoFar() {
        return Map.copyOf(read);
    }

    String reread(String path) {
        return api.get(path, OPERATOR).raw();
    }

    /** Assertions on one statement. */
    static final class Check {
        private final String path;
        private final JsonNode body;

        Check(String path, JsonNode body) {
            this.path = path;
            this.body = body;
        }

        /** The program version settled with, the model and the tier (null where the model has none). */
        Check settledAs(String programVersion, String model, String tier) {
            assertThat(text(body, "programVersion")).as(path + " programVersion").isEqualTo(programVersion);
            assertThat(text(body, "model")).as(path + " model").isEqualTo(model);
            assertThat(text(body, "tier")).as(path + " tier").isEqualTo(tier);
            return this;
        }

        Check totals(String listCost, String eligibleCost, String discount, String reward, String rebate, String bonus,
                     String payable) {
            JsonNode t = body.get("totals");
            List<String> actual = new ArrayList<>();
            for (String name : List.of("listCost", "eligibleCost", "discount", "reward", "rebate", "bonus", "payable")) {
                actual.add(name + " " + text(t, name));
            }
            assertThat(actual).as(path + " totals").containsExactly("listCost " + listCost, "eligibleCost " + eligibleCost,
                    "discount " + discount, "reward " + reward, "rebate " + rebate, "bonus " + bonus, "payable " + payable);
            return this;
        }

        /** Every line, in order. */
        Check lines(String... expected) {
            List<String> actual = new ArrayList<>();
            body.get("lines").forEach(line -> actual.add(summary(line)));
            assertThat(actual).as(path + " lines\n" + explanations()).containsExactly(expected);
            return this;
        }

        /** The explanation of line {@code lineNo} (from 1) contains every one of {@code parts}. */
        Check explains(int lineNo, String... parts) {
            String explanation = text(body.get("lines").get(lineNo - 1), "explanation");
            assertThat(explanation).as(path + " line " + lineNo).contains(parts);
            return this;
        }

        private String explanations() {
            StringBuilder out = new StringBuilder();
            body.get("lines").forEach(line -> out.append("  ").append(summary(line)).append(": ")
                    .append(text(line, "explanation")).append('\n'));
            return out.toString();
        }

        private static String summary(JsonNode line) {
            String rate = text(line, "rate");
            return text(line, "kind") + " " + (rate == null ? text(line, "amount")
                    : text(line, "base") + " x " + rate + " % = " + text(line, "amount"));
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value.asString();
        }
    }
}
