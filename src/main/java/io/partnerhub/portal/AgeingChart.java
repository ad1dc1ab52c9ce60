package io.partnerhub.portal;

import io.partnerhub.billing.Receivables;
import io.partnerhub.shared.Formats;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The receivables' ageing as a bar chart (portal.js): what partners owe, not yet due and 0–30,
 * 31–60, 61–90 and over 90 days past due; each figure also as the table next to it writes it (the
 * tooltips).
 */
@Component
class AgeingChart {

    /** The buckets in the order of the chart and the table, as their bundle keys end. */
    static final List<String> BUCKETS = List.of("notDue", "days0to30", "days31to60", "days61to90", "over90");

    private final MessageSource messages;
    private final ObjectMapper json;

    AgeingChart(MessageSource messages, ObjectMapper json) {
        this.messages = messages;
        this.json = json;
    }

    /** The ageing's amounts in the order of {@link #BUCKETS}. */
    static List<String> amounts(Receivables.Ageing ageing) {
        return List.of(ageing.notDue(), ageing.days0to30(), ageing.days31to60(), ageing.days61to90(), ageing.over90());
    }

    String of(Receivables.Ageing ageing, String currency) {
        Locale locale = LocaleContextHolder.getLocale();
        Formats formats = Formats.of(locale);
        List<String> amounts = amounts(ageing);
        Map<String, Object> series = Map.of("label", messages.getMessage("receivables.chart.open", null, locale),
                "values", amounts.stream().map(BigDecimal::new).toList(),
                "shown", amounts.stream().map(a -> formats.money(a, currency)).toList());
        // inside a <script> element: no "</" may appear, and none can (bundle words, numbers)
        return json.writeValueAsString(Map.of("labels", BUCKETS.stream()
                        .map(b -> messages.getMessage("receivables.bucket." + b, null, locale)).toList(),
                "locale", formats.russian() ? "ru-RU" : "en-US", "series", List.of(series))).replace("</", "<\\/");
    }
}
