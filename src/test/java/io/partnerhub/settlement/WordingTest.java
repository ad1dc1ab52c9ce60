package io.partnerhub.settlement;

import io.partnerhub.shared.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class WordingTest {

    @ParameterizedTest
    @CsvSource({"0, 0.00", "5, 5.00", "999.995, 1 000.00", "1000, 1 000.00", "50000, 50 000.00",
            "1234567.891, 1 234 567.89", "-1000.5, -1 000.50", "-12, -12.00", "-123456, -123 456.00",
            "0.004, 0.00", "100000, 100 000.00"})
    void amountsAreRoundedHalfUpAndGroupedByThousands(String amount, String shown) {
        assertThat(Wording.amount(Money.of(amount, "RUB"))).isEqualTo(shown);
    }
}
