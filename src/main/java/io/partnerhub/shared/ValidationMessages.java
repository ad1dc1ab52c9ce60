package io.partnerhub.shared;

import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import java.util.Locale;

/**
 * The API's refusals are English, whatever the request's language (docs/api.md, "Languages"): so are
 * the messages of its request bodies' constraints ({@code @NotBlank}, {@code @NotNull}, …), which
 * the validator would otherwise word in the request's locale, the portal's Russian by default, and
 * mix with the platform's own English in one answer. The portal never shows them: its forms word
 * their own refusals from the message bundles.
 */
@Configuration(proxyBeanMethods = false)
class ValidationMessages {

    @Bean
    static LocalValidatorFactoryBean defaultValidator() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.setMessageInterpolator(new InEnglish(
                Validation.byDefaultProvider().configure().getDefaultMessageInterpolator()));
        return validator;
    }

    /**
     * Interpolates in the root locale: the validator's own base messages, English, never a fallback
     * to the machine's default locale.
     */
    private record InEnglish(MessageInterpolator target) implements MessageInterpolator {

        @Override
        public String interpolate(String template, Context context) {
            return target.interpolate(template, context, Locale.ROOT);
        }

        @Override
        public String interpolate(String template, Context context, Locale locale) {
            return target.interpolate(template, context, Locale.ROOT);
        }
    }
}
