package io.partnerhub.portal;

import io.partnerhub.shared.Formats;
import io.partnerhub.whitelabel.Margins;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import tools.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard's margins for a partner that invoices its customers: in the last closed month, the
 * ten customers with the most revenue at the partner's prices, each against its cost from the
 * partner's statement; a bar chart (portal.js) and the table of the same figures.
 */
@Component
class MarginChart {

    static final int CUSTOMERS_SHOWN = 10;

    private final Margins margins;
    private final MessageSource messages;
    private final ObjectMapper json;

    MarginChart(Margins margins, MessageSource messages, ObjectMapper json) {
        this.margins = margins;
        this.messages = messages;
        this.json = json;
    }

    /** Puts {@code marginPeriod}, {@code margins} and {@code marginsJson} in the model when the month has invoices. */
    void into(Model model, SignedIn me, long partnerId, YearMonth lastClosed, String currency) {
        if (!me.seesMoney() || lastClosed == null) {
            return;
        }
        List<Margins.Margin> top = margins.of(me.caller(), partnerId, lastClosed).stream()
                .filter(m -> new BigDecimal(m.revenue()).signum() != 0)
                .sorted(Comparator.comparing((Margins.Margin m) -> new BigDecimal(m.revenue())).reversed()
                        .thenComparing(Margins.Margin::customerName))
                .limit(CUSTOMERS_SHOWN)
                .toList();
        if (top.isEmpty()) {
            return;
        }
        model.addAttribute("marginPeriod", lastClosed.toString());
        model.addAttribute("margins", top);
        model.addAttribute("marginsJson", chart(top, currency));
    }

    /** Customers by name; revenue and cost, each figure also as the table writes it (the tooltips). */
    private String chart(List<Margins.Margin> top, String currency) {
        Locale locale = LocaleContextHolder.getLocale();
        Formats formats = Formats.of(locale);
        List<Map<String, Object>> series = List.of(
                Map.of("label", messages.getMessage("billing.margins.revenue", null, locale),
                        "values", top.stream().map(m -> new BigDecimal(m.revenue())).toList(),
                        "shown", top.stream().map(m -> formats.money(m.revenue(), currency)).toList()),
                Map.of("label", messages.getMessage("billing.margins.cost", null, locale),
                        "values", top.stream().map(m -> new BigDecimal(m.cost())).toList(),
                        "shown", top.stream().map(m -> formats.money(m.cost(), currency)).toList()));
        // inside a <script> element: a customer's name could hold "</", which must not close it
        return json.writeValueAsString(Map.of("labels", top.stream().map(Margins.Margin::customerName).toList(),
                "locale", formats.russian() ? "ru-RU" : "en-US", "series", series)).replace("</", "<\\/");
    }
}
