package io.partnerhub.deal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.partnerhub.shared.RuleViolation;

class CustomerContactsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            acme.ru                          | acme.ru
            ACME.RU                          | acme.ru
            https://www.Acme.ru/about?x=1    | acme.ru
            http://shop.acme.ru:8080         | shop.acme.ru
            acme.ru.                         | acme.ru
            магазин.рф                       | xn--80aairftm.xn--p1ai
            """)
    void domainsAreNormalized(String raw, String normalized) {
        assertThat(CustomerContacts.domain(raw)).isEqualTo(normalized);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ru
            acme
            ivan@acme.ru
            acme..ru
            -acme.ru
            192.168.0.1
            acme_shop.ru
            """)
    void whatIsNotADomainIsRefused(String raw) {
        assertThatThrownBy(() -> CustomerContacts.domain(raw)).isInstanceOf(RuleViolation.class)
                .hasMessageContaining("domain");
    }

    @Test
    void emailsAreLowerCasedAndCheckedForOneAt() {
        assertThat(CustomerContacts.email(" Ivan.Petrov@Acme.RU ")).isEqualTo("ivan.petrov@acme.ru");
        assertThat(CustomerContacts.email(null)).isNull();
        assertThat(CustomerContacts.email(" ")).isNull();
        for (String bad : new String[]{"ivan", "@acme.ru", "ivan@", "ivan@@acme.ru", "iv an@acme.ru", "ivan@acme"}) {
            assertThatThrownBy(() -> CustomerContacts.email(bad)).as(bad).isInstanceOf(RuleViolation.class);
        }
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            acme.ru       | acme.ru      | true
            shop.acme.ru  | acme.ru      | true
            acme.ru       | shop.acme.ru | true
            a.b.acme.ru   | b.acme.ru    | true
            notacme.ru    | acme.ru      | false
            acme.ru       | acme.com     | false
            shop.acme.ru  | blog.acme.ru | false
            """)
    void domainsAreRelatedWhenEqualOrASubdomain(String a, String b, boolean related) {
        assertThat(CustomerContacts.related(a, b)).isEqualTo(related);
    }

    @Test
    void aPublicProvidersSubdomainIsPublicToo() {
        PublicMailDomains publicMail = PublicMailDomains.of("gmail.com", "mail.ru");
        assertThat(publicMail.isPublic("gmail.com")).isTrue();
        assertThat(publicMail.isPublic("corp.mail.ru")).isTrue();
        assertThat(publicMail.isPublic("email.ru")).isFalse();
        assertThat(CustomerContacts.registrable("a.shop.acme.ru")).isEqualTo("acme.ru");
        assertThat(CustomerContacts.registrable("acme.ru")).isEqualTo("acme.ru");
    }
}
