package io.partnerhub.settlement;

import io.partnerhub.shared.Reason;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.ReasonText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** An amount inside an explanation: rounded the statement's way, grouped by thousands, in Russian as pages write money. */
class WordingTest {

    @ParameterizedTest
    @CsvSource({"0, 0.00", "5, 5.00", "999.995, 1 000.00", "1000, 1 000.00", "50000, 50 000.00",
            "1234567.891, 1 234 567.89", "-1000.5, -1 000.50", "-12, -12.00", "-123456, -123 456.00",
            "0.004, 0.00", "100000, 100 000.00"})
    void amountsAreRoundedHalfUpAndGroupedByThousands(String amount, String shown) {
        Reason reason = Reason.of("bonus.applied", Money.of(amount, "RUB"));

        assertThat(ReasonText.english(reason)).isEqualTo("Rebate balance withdrawn to Bonus: " + shown);
        assertThat(ReasonText.in(reason, Locale.forLanguageTag("ru"), "RUB"))
                .isEqualTo("Списано с ребейт-баланса в Бонус: " + shown.replace(' ', '\u00A0').replace('.', ',') + "\u00A0₽");
    }
}
