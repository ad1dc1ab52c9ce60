package io.partnerhub.whitelabel;

import io.partnerhub.partner.Partner;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.program.RateRule;
import io.partnerhub.program.Service;
import io.partnerhub.program.TierRule;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The partner's base discount on a service under the terms in force (the rate of its model, its
 * tier's extra, the program's cap; another service's own rate; nothing on an excluded one): what
 * its own cost is, list less this discount. A deal's extra is per customer and not counted.
 */
final class PartnerCost {

    private PartnerCost() {
    }

    static BigDecimal baseDiscount(ProgramVersion terms, Partner partner, String serviceName) {
        Service service = terms.service(serviceName)
                .orElseGet(() -> new Service(serviceName.strip(), terms.unknownServices(), false, null));
        if (service.excluded()) {
            return BigDecimal.ZERO;
        }
        Optional<RateRule.PercentOfConsumption> rule = terms.rates().stream()
                .filter(RateRule.PercentOfConsumption.class::isInstance)
                .map(RateRule.PercentOfConsumption.class::cast)
                .filter(r -> r.models().contains(partner.model()) && r.referralOption() == null)
                .findFirst();
        if (rule.isEmpty()) {
            return BigDecimal.ZERO;
        }
        if (rule.get().scope() != RateRule.Scope.ELIGIBLE && service.category() != Service.ServiceCategory.MAIN) {
            return service.ratePercent() == null ? BigDecimal.ZERO : service.ratePercent();
        }
        BigDecimal percent = rule.get().percent();
        percent = percent.add(terms.tiers().stream()
                .filter(t -> t.id().equals(partner.tier()) && t.models().contains(partner.model()))
                .map(TierRule::extraDiscountPercent).findFirst().orElse(BigDecimal.ZERO));
        BigDecimal cap = terms.deals() == null ? null : terms.deals().totalDiscountPercentCap();
        return cap != null && percent.compareTo(cap) > 0 ? cap : percent;
    }
}
