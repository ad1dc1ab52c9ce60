package io.partnerhub.shared;

import java.time.LocalDate;
import java.time.YearMonth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;

/**
 * Periods and dates in paths, query parameters and forms, read as {@link PeriodInput} says (Boot
 * registers converter beans with MVC, ahead of its own lenient date formatters). A refusal reaches
 * {@code Problems} as a type mismatch naming the parameter.
 */
@Configuration(proxyBeanMethods = false)
class TextConverters {

    @Bean
    PeriodText periodText(PeriodInput periods) {
        return new PeriodText(periods);
    }

    @Bean
    DateText dateText() {
        return new DateText();
    }

    static final class PeriodText implements Converter<String, YearMonth> {
        private final PeriodInput periods;

        PeriodText(PeriodInput periods) {
            this.periods = periods;
        }

        @Override
        public YearMonth convert(String text) {
            return periods.period("period", text);
        }
    }

    static final class DateText implements Converter<String, LocalDate> {
        @Override
        public LocalDate convert(String text) {
            LocalDate date = PeriodInput.date(text.strip());
            if (date == null) {
                throw new DateOutOfRange("date", text);
            }
            return date;
        }
    }
}
