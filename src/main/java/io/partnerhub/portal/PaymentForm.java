package io.partnerhub.portal;

import io.partnerhub.billing.Payments;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.PeriodInput;
import io.partnerhub.shared.ProblemException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The console's form for a payment received: checked as the API checks {@code POST /payments} (an
 * amount with at most two decimals, the day, a tax id of 10 or 12 digits when given, a reference), each
 * refusal next to its field in the reader's words, then entered.
 */
@Component
class PaymentForm {

    private static final int REFERENCE_MAX = 200;
    private static final int PURPOSE_MAX = 1000;

    private final Payments payments;
    private final MessageSource messages;

    PaymentForm(Payments payments, MessageSource messages) {
        this.payments = payments;
        this.messages = messages;
    }

    /** The form as typed. */
    record Typed(String amount, String receivedOn, String payerTaxId, String purpose, String reference) {
        static Typed empty(LocalDate today) {
            return new Typed("", today.toString(), "", "", "");
        }
    }

    /** Entered, or the form's errors. */
    record Outcome(Payments.Entered entered, FormErrors errors) {
    }

    Outcome enter(Caller caller, Typed typed) {
        FormErrors errors = new FormErrors();
        BigDecimal amount = amount(typed.amount());
        if (amount == null) {
            errors.field("amount", word("receivables.error.amount"));
        }
        LocalDate day = PeriodInput.date(blankToNull(typed.receivedOn()));
        if (day == null) {
            errors.field("receivedOn", word("receivables.error.date"));
        }
        String taxId = blankToNull(typed.payerTaxId());
        if (taxId != null && !taxId.matches("\\d{10}|\\d{12}")) {
            errors.field("payerTaxId", word("receivables.error.taxId"));
        }
        String purpose = blankToNull(typed.purpose());
        if (purpose != null && purpose.length() > PURPOSE_MAX) {
            errors.field("purpose", word("receivables.error.purpose"));
        }
        String reference = blankToNull(typed.reference());
        if (reference == null || reference.length() > REFERENCE_MAX) {
            errors.field("reference", word("receivables.error.reference"));
        }
        if (!errors.isEmpty()) {
            return new Outcome(null, errors);
        }
        try {
            return new Outcome(payments.enter(caller, new Payments.NewPayment(amount, day, taxId, purpose, reference)), null);
        } catch (ProblemException e) {
            return new Outcome(null, FormErrors.of(e, messages, LocaleContextHolder.getLocale(), "amount", "receivedOn",
                    "payerTaxId", "purpose", "reference"));
        }
    }

    /** A positive amount with at most two decimals as a person types it ("9 000,00"), or null. */
    private static BigDecimal amount(String typed) {
        try {
            BigDecimal value = IncentivePages.decimal(typed);
            return value.signum() <= 0 || value.scale() > 2 || value.precision() - value.scale() > 17 ? null : value;
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private String word(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }
}
