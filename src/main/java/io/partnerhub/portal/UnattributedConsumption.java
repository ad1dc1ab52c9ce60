package io.partnerhub.portal;

import io.partnerhub.shared.Money;
import io.partnerhub.usage.ServiceConsumption.AccountService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A month's consumption no partner claims, as the usage page shows it: per account (and currency)
 * its services and their total, and the month's total per currency. Amounts rounded for display.
 */
record UnattributedConsumption(List<Account> accounts, Map<String, String> totals) {

    record Account(String accountId, String currency, List<Service> services, String total) {
    }

    record Service(String name, String listCost) {
    }

    /** {@code rows} ordered by account as {@link io.partnerhub.usage.ServiceConsumption#unattributed} gives them. */
    static UnattributedConsumption of(List<AccountService> rows) {
        Map<String, List<AccountService>> byAccount = new LinkedHashMap<>();
        for (AccountService row : rows) {
            byAccount.computeIfAbsent(row.accountId() + "\u0000" + row.currency(), k -> new ArrayList<>()).add(row);
        }
        List<Account> accounts = new ArrayList<>();
        Map<String, Money> totals = new TreeMap<>();
        for (List<AccountService> services : byAccount.values()) {
            String currency = services.getFirst().currency();
            Money total = Money.zero(currency);
            List<Service> shown = new ArrayList<>();
            for (AccountService s : services) {
                Money cost = new Money(s.listCost(), currency);
                total = total.plus(cost);
                shown.add(new Service(s.service(), cost.rounded().toDecimalString()));
            }
            accounts.add(new Account(services.getFirst().accountId(), currency, shown,
                    total.rounded().toDecimalString()));
            totals.merge(currency, total, Money::plus);
        }
        Map<String, String> shownTotals = new TreeMap<>();
        totals.forEach((currency, total) -> shownTotals.put(currency, total.rounded().toDecimalString()));
        return new UnattributedConsumption(accounts, shownTotals);
    }
}
