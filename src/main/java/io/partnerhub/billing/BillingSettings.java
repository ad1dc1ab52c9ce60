package io.partnerhub.billing;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * How the provider bills its partners, configured once ({@code partnerhub.billing.*}, see
 * docs/partner-billing.md): the VAT rate its prices include, the days an invoice gives to pay
 * unless the partner's terms say otherwise, and per program the provider's requisites printed on
 * every invoice and act, its bank account (the one a bank statement's incoming payments reach)
 * and the prefix of its invoice numbers.
 */
@ConfigurationProperties(prefix = "partnerhub.billing")
public record BillingSettings(BigDecimal vatRate, Integer dueDays, Map<String, Provider> providers) {

    public BillingSettings {
        vatRate = vatRate == null ? new BigDecimal("22") : vatRate;
        dueDays = dueDays == null ? 10 : dueDays;
        providers = providers == null ? Map.of() : Map.copyOf(providers);
    }

    /** The provider's requisites as its documents print them. */
    public record Provider(String prefix, String name, String taxId, String kpp, String address, String bank,
                           String bic, String correspondentAccount, String account) {
    }

    public Optional<Provider> provider(String programId) {
        return Optional.ofNullable(providers.get(programId));
    }

    /** The number prefix of a program's invoices: configured, or the program id's letters in upper case. */
    String prefix(String programId) {
        return provider(programId).map(Provider::prefix).filter(p -> p != null && !p.isBlank())
                .orElseGet(() -> programId.replaceAll("[^A-Za-z]", "").toUpperCase(java.util.Locale.ROOT));
    }

    /** The program whose provider receives payments on {@code account}. */
    Optional<String> programOfAccount(String account) {
        return providers.entrySet().stream().filter(e -> account != null && account.equals(e.getValue().account()))
                .map(Map.Entry::getKey).findFirst();
    }
}
