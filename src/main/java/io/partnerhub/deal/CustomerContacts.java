package io.partnerhub.deal;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

import io.partnerhub.shared.RuleViolation;

/**
 * A registration's customer e-mail and web domain, normalized so that registrations compare:
 * lower case, a domain without scheme, {@code www.}, port or path, in its ASCII (punycode) form.
 * Two domains are related when they are equal or one is a subdomain of the other.
 */
final class CustomerContacts {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern LOCAL_PART = Pattern.compile("[^\\s@\"(),:;<>\\[\\]\\\\]{1,64}");

    private CustomerContacts() {
    }

    /** The e-mail in lower case, or null when none is given; refuses what is not an address. */
    static String email(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String email = raw.strip().toLowerCase(Locale.ROOT);
        int at = email.lastIndexOf('@');
        if (at <= 0 || at != email.indexOf('@') || !LOCAL_PART.matcher(email.substring(0, at)).matches()) {
            throw RuleViolation.of("customerEmail", "must be an e-mail address such as ivan@example.ru");
        }
        String domain = hostName(email.substring(at + 1), "customerEmail");
        return email.substring(0, at + 1) + domain;
    }

    /** The web domain normalized, or null when none is given; accepts "https://www.acme.ru/about" as acme.ru. */
    static String domain(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String domain = raw.strip().toLowerCase(Locale.ROOT).replaceFirst("^[a-z][a-z0-9+.-]*://", "");
        domain = domain.split("[/?#]", 2)[0];
        if (domain.contains("@")) {
            throw RuleViolation.of("customerDomain", "must be a web domain such as acme.ru; give an address as customerEmail");
        }
        domain = domain.replaceFirst(":\\d{1,5}$", "");
        domain = domain.startsWith("www.") ? domain.substring(4) : domain;
        return hostName(domain, "customerDomain");
    }

    /** The domain of a normalized e-mail address. */
    static String domainOf(String email) {
        return email == null ? null : email.substring(email.indexOf('@') + 1);
    }

    /** Whether {@code domain} is {@code parent} or one of its subdomains. */
    static boolean sameOrSubdomain(String domain, String parent) {
        return domain.equals(parent) || domain.endsWith("." + parent);
    }

    /** Whether two domains are equal or one is a subdomain of the other ({@code shop.acme.ru} and {@code acme.ru}). */
    static boolean related(String a, String b) {
        return a != null && b != null && (sameOrSubdomain(a, b) || sameOrSubdomain(b, a));
    }

    /** The last two labels: every domain related to this one shares them. */
    static String registrable(String domain) {
        int last = domain.lastIndexOf('.');
        int before = domain.lastIndexOf('.', last - 1);
        return domain.substring(before + 1);
    }

    /** The domain as people write it (Cyrillic rather than punycode), for reasons. */
    static String shown(String domain) {
        return IDN.toUnicode(domain);
    }

    private static String hostName(String raw, String field) {
        String host = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
        String ascii;
        try {
            ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw RuleViolation.of(field, "has a domain that is not a host name: " + e.getMessage());
        }
        String[] labels = ascii.split("\\.", -1);
        boolean valid = ascii.length() <= 253 && labels.length >= 2 && !labels[labels.length - 1].matches("[0-9]+");
        for (String label : labels) {
            valid &= LABEL.matcher(label).matches();
        }
        if (!valid) {
            throw RuleViolation.of(field, "must name a domain with at least two labels such as acme.ru");
        }
        return ascii;
    }
}
