package io.partnerhub.shared;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * What the API accepts as text and dates, checked while JSON is read so a refusal names the field:
 * no NUL characters (PostgreSQL stores none), and dates from 1900 to 2999.
 */
@Configuration(proxyBeanMethods = false)
class JsonInput {

    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    static final LocalDate LATEST = LocalDate.of(2999, 12, 31);

    @Bean
    JacksonModule storableInput() {
        return new SimpleModule("partnerhub-input")
                .addDeserializer(String.class, new StorableText())
                .addDeserializer(LocalDate.class, new PlausibleDate());
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
            if (text != null && text.indexOf('\u0000') >= 0) {
                throw ctxt.weirdStringException(text, String.class, "contains a NUL character");
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
            try {
                LocalDate date = LocalDate.parse(text);
                if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
                    throw ctxt.weirdStringException(text, LocalDate.class, "out of range");
                }
                return date;
            } catch (DateTimeParseException e) {
                throw ctxt.weirdStringException(text, LocalDate.class, "not a date");
            }
        }
    }
}
