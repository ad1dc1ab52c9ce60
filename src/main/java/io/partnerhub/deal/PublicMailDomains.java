package io.partnerhub.deal;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Public mail providers ({@code partnerhub.deals.public-mail-domains}, environment
 * {@code PARTNERHUB_DEALS_PUBLIC_MAIL_DOMAINS}, comma-separated): an address there says nothing
 * about whose customer it is, so only the whole address matches another deal, never its domain.
 * A subdomain of a listed provider counts as the provider.
 */
@ConfigurationProperties(prefix = "partnerhub.deals")
record PublicMailDomains(@DefaultValue({"gmail.com", "googlemail.com", "mail.ru", "bk.ru", "list.ru", "inbox.ru",
        "internet.ru", "yandex.ru", "yandex.com", "ya.ru", "rambler.ru", "outlook.com", "hotmail.com", "live.com",
        "icloud.com", "me.com", "yahoo.com", "proton.me", "protonmail.com"}) List<String> publicMailDomains) {

    PublicMailDomains {
        publicMailDomains = publicMailDomains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT))
                .filter(d -> !d.isEmpty()).distinct().toList();
    }

    static PublicMailDomains of(String... domains) {
        return new PublicMailDomains(List.of(domains));
    }

    boolean isPublic(String domain) {
        return domain != null && publicMailDomains.stream().anyMatch(p -> CustomerContacts.sameOrSubdomain(domain, p));
    }

    String[] asArray() {
        return publicMailDomains.toArray(String[]::new);
    }
}
