package io.partnerhub.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    @ParameterizedTest(name = "{0} x {1} % = {2}, rounded {3}")
    @CsvSource({
            "50000.00, 30, 15000.0000, 15000.00",
            "35000.00, 27, 9450.0000, 9450.00",
            "0.05, 10, 0.005000, 0.01",
            "-0.05, 10, -0.005000, -0.01",
            "1234.5678, 12.5, 154.32097500, 154.32"})
    void percentIsExactAndRoundingIsHalfUpToKopecks(String amount, String percent, String exact, String rounded) {
        Money money = Money.of(amount, "RUB").percent(new BigDecimal(percent));

        assertThat(money.amount()).isEqualByComparingTo(exact);
        assertThat(money.rounded().toDecimalString()).isEqualTo(rounded);
    }

    @Test
    void equalityIgnoresScale() {
        assertThat(Money.of("10.5", "RUB")).isEqualTo(Money.of("10.500", "RUB"))
                .hasSameHashCodeAs(Money.of("10.500", "RUB"));
    }

    @Test
    void refusesToMixCurrencies() {
        assertThatThrownBy(() -> Money.of("1", "RUB").plus(Money.of("1", "USD")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RUB").hasMessageContaining("USD");
    }

    @Test
    void anUnroundedAmountHasNoTwoPlaceForm() {
        assertThatThrownBy(() -> Money.of("1.005", "RUB").toDecimalString()).isInstanceOf(ArithmeticException.class);
    }
}
