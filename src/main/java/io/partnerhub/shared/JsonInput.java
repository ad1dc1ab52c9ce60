package io.partnerhub.shared;

import java.time.LocalDate;
import java.time.YearMonth;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * What the API accepts as text, periods and dates, checked while JSON is read so a refusal names the
 * field: no NUL or other control characters (PostgreSQL stores no NUL, and none belongs in a name),
 * periods and dates as {@link PeriodInput} says, and no guessing: an enum is its name (never its
 * ordinal), a whole number is never a fraction truncated, a boolean is {@code true} or
 * {@code false} (never {@code ""}, {@code 1} or {@code "true"}), a number is never {@code ""}.
 */
@Configuration(proxyBeanMethods = false)
class JsonInput {

    @Bean
    JacksonModule storableInput(PeriodInput periods) {
        return new SimpleModule("partnerhub-input")
                .addDeserializer(String.class, new StorableText())
                .addDeserializer(LocalDate.class, new PlausibleDate())
                .addDeserializer(YearMonth.class, new KeptPeriod(periods));
    }

    @Bean
    JsonMapperBuilderCustomizer noLenientCoercion() {
        return builder -> builder
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, c -> c
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Enum, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail));
    }

    /** Whether a text holds a character no stored text may: NUL and controls other than tab and line breaks. */
    static boolean hasControlCharacter(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    private static final class StorableText extends StdScalarDeserializer<String> {
        StorableText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.currentToken().isScalarValue() || p.hasToken(JsonToken.VALUE_NULL)) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String text = p.getValueAsString();
            if (text != null && hasControlCharacter(text)) {
                throw ctxt.weirdStringException(Shown.cut(text), String.class, "contains a control character");
            }
            return text;
        }
    }

    private static final class PlausibleDate extends StdScalarDeserializer<LocalDate> {
        PlausibleDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
            }
            String text = p.getValueAsString().strip();
            LocalDate date = PeriodInput.date(text);
            if (date == null) {
                throw ctxt.weirdStringException(Shown.cut(text), LocalDate.class, "not " + PeriodInput.expectedDate());
            }
            return date;
        }
    }

    private static final class KeptPeriod extends StdScalarDeserializer<YearMonth> {
        private final transient PeriodInput periods;

        KeptPeriod(PeriodInput periods) {
            super(YearMonth.class);
            this.periods = periods;
        }

        @Override
        public YearMonth deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (YearMonth) ctxt.handleUnexpectedToken(YearMonth.class, p);
            }
            String text = p.getValueAsString();
            try {
                return periods.period("period", text);
            } catch (PeriodOutOfRange e) {
                throw ctxt.weirdStringException(Shown.cut(text), YearMonth.class, e.reason());
            }
        }
    }
}
