package io.partnerhub.shared;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class AmountsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0.00        | 0.00",
            "999.99      | 999.99",
            "1000.00     | 1 000.00",
            "100000.00   | 100 000.00",
            "-1234567.80 | -1 234 567.80",
            "12400       | 12 400",
            "100000.125  | 100 000.125"})
    void amountsReadWithThousandsApartAndTheirPlacesKept(String amount, String reads) {
        assertThat(Amounts.grouped(new BigDecimal(amount))).isEqualTo(reads);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"27.00 | 27 %", "2.5 | 2.5 %", "100 | 100 %"})
    void ratesReadWithoutTrailingZeros(String rate, String reads) {
        assertThat(Amounts.percent(new BigDecimal(rate))).isEqualTo(reads);
    }
}
