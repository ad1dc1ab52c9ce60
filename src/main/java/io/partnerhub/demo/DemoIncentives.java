package io.partnerhub.demo;

import io.partnerhub.customer.Customers;
import io.partnerhub.incentive.BonusCodes;
import io.partnerhub.incentive.CoMarketing;
import io.partnerhub.incentive.Sandboxes;
import io.partnerhub.incentive.Trials;
import io.partnerhub.partner.Partner;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Today;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The demo's incentives, for the Oblakoteka partners' incentives pages to show something: codes
 * issued this quarter, a Professional partner's sandbox, a customer's trial from today and a
 * co-marketing request waiting for the operator.
 */
@Component
class DemoIncentives {

    private final BonusCodes codes;
    private final Sandboxes sandboxes;
    private final Trials trials;
    private final CoMarketing coMarketing;
    private final Customers customers;
    private final Today today;

    DemoIncentives(BonusCodes codes, Sandboxes sandboxes, Trials trials, CoMarketing coMarketing, Customers customers,
                   Today today) {
        this.codes = codes;
        this.sandboxes = sandboxes;
        this.trials = trials;
        this.coMarketing = coMarketing;
        this.customers = customers;
        this.today = today;
    }

    void grant(Caller demo, List<Partner> partners) {
        LocalDate day = today.date();
        for (Partner partner : partners) {
            if (!partner.programId().equals("oblakoteka")) {
                continue;
            }
            codes.issue(demo, partner.id(), new BigDecimal("5000.00"));
            codes.issue(demo, partner.id(), new BigDecimal("3000.00"));
            if ("PROFESSIONAL".equals(partner.tier()) && partner.accountId() != null) {
                sandboxes.request(demo, partner.id(), "KVM", "cloudovka-" + partner.accountId());
                coMarketing.request(demo, partner.id(), "Вебинар «Облако для бухгалтерии»", day.plusMonths(1),
                        new BigDecimal("200000.00"), new BigDecimal("100000.00"));
            }
            customers.customersOfPartner(demo, partner.id(), null, Customers.LinkState.ACTIVE, day, 1, 0).stream().findFirst()
                    .ifPresent(customer -> trials.start(demo, customer.customerId(), partner.id(), day));
        }
    }
}
