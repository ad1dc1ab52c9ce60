package io.partnerhub.settlement;

import io.partnerhub.program.PartnerModel;
import io.partnerhub.settlement.rules.Statement;
import io.partnerhub.settlement.rules.StatementLine;
import io.partnerhub.settlement.rules.Statement.Accrual;
import io.partnerhub.settlement.rules.Statement.BonusReturn;
import io.partnerhub.settlement.rules.Statement.FinalPayout;
import io.partnerhub.settlement.rules.Statement.StandingChange;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.Reason;
import tools.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a statement decides besides itself: a tier change, accruals to the balance, Bonus returned,
 * the final payout. A close shared by instances stores it as JSON beside the part's statements and
 * the finish reads it back, exactly: amounts keep their scale, reasons their code and arguments.
 */
record Consequence(long partnerId, YearMonth period, Optional<StandingChange> standingChange, List<Accrual> accruals,
                   List<BonusReturn> bonusReturns, Optional<FinalPayout> finalPayout, List<BonusPayout> bonusPayouts,
                   Map<Long, Map<String, Money>> customerConsumption) {

    /** A one-off bonus the statement pays out (a BONUS_PAYMENT line): announced as an event. */
    record BonusPayout(int lineNo, Money amount, Reason reason) {
    }

    static Consequence of(Statement s) {
        return new Consequence(s.partnerId(), s.period(), s.standingChange(), s.accruals(), s.bonusReturns(),
                s.finalPayout(), bonusPayouts(s), s.customerConsumption());
    }

    /** Whether {@code s} decides anything besides itself. */
    static boolean decidesSomething(Statement s) {
        return s.standingChange().isPresent() || !s.accruals().isEmpty() || !s.bonusReturns().isEmpty()
                || s.finalPayout().isPresent()
                || s.lines().stream().anyMatch(line -> line.kind() == StatementLine.Kind.BONUS_PAYMENT)
                || !s.customerConsumption().isEmpty();
    }

    private static List<BonusPayout> bonusPayouts(Statement s) {
        List<BonusPayout> payouts = new java.util.ArrayList<>();
        for (int i = 0; i < s.lines().size(); i++) {
            StatementLine line = s.lines().get(i);
            if (line.kind() == StatementLine.Kind.BONUS_PAYMENT) {
                payouts.add(new BonusPayout(i + 1, line.amount(), line.reason()));
            }
        }
        return payouts;
    }

    String toJson(ObjectMapper json) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("partnerId", partnerId);
        out.put("period", period.toString());
        standingChange.ifPresent(change -> out.put("standingChange", Map.of("effectiveFrom", change.effectiveFrom().toString(),
                "model", change.model().name(), "tier", change.tier() == null ? "" : change.tier(),
                "reason", reason(change.reason()))));
        out.put("accruals", accruals.stream().map(a -> Map.of("lineNo", a.lineNo(), "amount", money(a.amount()),
                "reference", reason(a.reference()))).toList());
        out.put("bonusReturns", bonusReturns.stream().map(b -> Map.of("withdrawalEntryId", b.withdrawalEntryId(),
                "amount", money(b.amount()))).toList());
        finalPayout.ifPresent(payout -> out.put("finalPayout", Map.of("lineNo", payout.lineNo(),
                "amount", money(payout.amount()), "reference", reason(payout.reference()))));
        out.put("bonusPayouts", bonusPayouts.stream().map(b -> Map.of("lineNo", b.lineNo(), "amount", money(b.amount()),
                "reason", reason(b.reason()))).toList());
        Map<String, Map<String, Map<String, String>>> consumption = new LinkedHashMap<>();
        customerConsumption.forEach((customer, services) -> {
            Map<String, Map<String, String>> byService = new LinkedHashMap<>();
            services.forEach((service, cost) -> byService.put(service, money(cost)));
            consumption.put(String.valueOf(customer), byService);
        });
        out.put("customerConsumption", consumption);
        return json.writeValueAsString(out);
    }

    static Consequence fromJson(ObjectMapper json, String text) {
        Map<?, ?> in = json.readValue(text, Map.class);
        Optional<StandingChange> standing = Optional.ofNullable((Map<?, ?>) in.get("standingChange")).map(c -> {
            String tier = c.get("tier").toString();
            return new StandingChange(LocalDate.parse(c.get("effectiveFrom").toString()),
                    PartnerModel.valueOf(c.get("model").toString()), tier.isEmpty() ? null : tier, reason(c.get("reason")));
        });
        List<Accrual> accruals = ((List<?>) in.get("accruals")).stream().map(Map.class::cast)
                .map(a -> new Accrual(number(a.get("lineNo")).intValue(), money(a.get("amount")), reason(a.get("reference"))))
                .toList();
        List<BonusReturn> returns = ((List<?>) in.get("bonusReturns")).stream().map(Map.class::cast)
                .map(b -> new BonusReturn(number(b.get("withdrawalEntryId")).longValue(), money(b.get("amount"))))
                .toList();
        Optional<FinalPayout> payout = Optional.ofNullable((Map<?, ?>) in.get("finalPayout")).map(p ->
                new FinalPayout(number(p.get("lineNo")).intValue(), money(p.get("amount")), reason(p.get("reference"))));
        List<BonusPayout> payouts = ((List<?>) in.get("bonusPayouts")).stream().map(Map.class::cast)
                .map(b -> new BonusPayout(number(b.get("lineNo")).intValue(), money(b.get("amount")), reason(b.get("reason"))))
                .toList();
        Map<Long, Map<String, Money>> consumption = new java.util.TreeMap<>();
        ((Map<?, ?>) in.get("customerConsumption")).forEach((customer, services) -> {
            Map<String, Money> byService = new java.util.TreeMap<>();
            ((Map<?, ?>) services).forEach((service, cost) -> byService.put(service.toString(), money(cost)));
            consumption.put(Long.valueOf(customer.toString()), byService);
        });
        return new Consequence(number(in.get("partnerId")).longValue(), YearMonth.parse(in.get("period").toString()),
                standing, accruals, returns, payout, payouts, consumption);
    }

    private static Map<String, Object> reason(Reason reason) {
        return Map.of("code", reason.code(), "args", reason.jsonArgs());
    }

    private static Reason reason(Object json) {
        Map<?, ?> reason = (Map<?, ?>) json;
        return Reason.fromJson(reason.get("code").toString(), (List<?>) reason.get("args"));
    }

    private static Map<String, String> money(Money money) {
        return Map.of("amount", money.amount().toPlainString(), "currency", money.currency());
    }

    private static Money money(Object json) {
        Map<?, ?> money = (Map<?, ?>) json;
        return new Money(new BigDecimal(money.get("amount").toString()), money.get("currency").toString());
    }

    private static Number number(Object json) {
        return (Number) json;
    }
}
