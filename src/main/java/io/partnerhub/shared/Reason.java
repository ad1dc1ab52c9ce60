package io.partnerhub.shared;


import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a line (or a tier change) is what it is, as a stable code and its typed arguments: the engine
 * decides the reason, the bundles {@code i18n/reasons*.properties} hold its words in each language
 * ({@link ReasonText}). The codes are listed in docs/settlement.md; API clients read them as
 * {@code reasonCode} and {@code reasonArgs}, each argument an object naming its type.
 */
public record Reason(String code, List<Arg> args) {

    public Reason {
        args = List.copyOf(args);
    }

    /**
     * A reason from Java values: {@link Money} is an amount (rounded the statement's way), {@link String}
     * a verbatim text, {@link Long} or {@link Integer} a number, {@link LocalDate} a day, {@link YearMonth}
     * a month, another {@link Reason} a phrase inside this one; rates, quarters and lists say what they
     * are ({@link #rate}, {@link #quarter}, {@link #list}).
     */
    public static Reason of(String code, Object... args) {
        List<Arg> typed = new ArrayList<>(args.length);
        for (Object arg : args) {
            typed.add(arg(arg));
        }
        return new Reason(code, typed);
    }

    static Arg arg(Object value) {
        return switch (value) {
            case null -> new Text("—");
            case Arg arg -> arg;
            case Money money -> new Amount(money.rounded().amount());
            case String text -> new Text(text);
            case Long number -> new Number(number);
            case Integer number -> new Number(number.longValue());
            case LocalDate day -> new Day(day);
            case YearMonth month -> new Month(month);
            case Reason reason -> new Clause(reason);
            default -> throw new IllegalArgumentException("a reason takes no " + value.getClass().getSimpleName());
        };
    }

    public static Rate rate(BigDecimal percent) {
        return new Rate(percent);
    }

    public static Quarter quarter(YearMonth month) {
        return new Quarter(YearMonth.of(month.getYear(), (month.getMonthValue() + 2) / 3 * 3));
    }

    /** Items read one after another with the bundle's {@code join.<joiner>} between them. */
    public static Items list(String joiner, List<?> items) {
        return new Items(items.stream().map(Reason::arg).toList(), joiner);
    }

    /** One argument of a reason, typed so that each language can write it its own way. */
    public sealed interface Arg permits Amount, Rate, Day, Month, Quarter, Text, Number, Clause, Items {
    }

    /** An amount of the statement's currency, rounded to 0.01: {@code {"amount": "50000.00"}}. */
    public record Amount(BigDecimal value) implements Arg {
    }

    /** A percentage: {@code {"rate": "27"}}; kept without trailing zeros, so equal rates are equal. */
    public record Rate(BigDecimal value) implements Arg {
        public Rate {
            value = new BigDecimal(value.stripTrailingZeros().toPlainString());
        }
    }

    /** {@code {"date": "2026-03-01"}}. */
    public record Day(LocalDate value) implements Arg {
    }

    /** {@code {"month": "2026-03"}}. */
    public record Month(YearMonth value) implements Arg {
    }

    /** The quarter ending with {@code last}: {@code {"quarter": "2026-Q1"}}. */
    public record Quarter(YearMonth last) implements Arg {
    }

    /** A name, an account, an option or an operator's words, shown as they are: {@code {"text": "…"}}. */
    public record Text(String value) implements Arg {
    }

    /** An id or a count: {@code {"number": 12}}. */
    public record Number(long value) implements Arg {
    }

    /** A phrase inside the sentence: {@code {"reason": {"code": …, "args": […]}}}. */
    public record Clause(Reason reason) implements Arg {
    }

    /** Phrases or values joined: {@code {"list": […], "join": "semicolon"}}. */
    public record Items(List<Arg> items, String join) implements Arg {
        public Items {
            items = List.copyOf(items);
        }
    }

    /** The arguments as JSON-ready values: the API's {@code reasonArgs} and the stored {@code reason_args}. */
    public List<Object> jsonArgs() {
        return args.stream().map(Reason::json).toList();
    }

    private static Object json(Arg arg) {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (arg) {
            case Amount a -> out.put("amount", a.value().toPlainString());
            case Rate r -> out.put("rate", r.value().toPlainString());
            case Day d -> out.put("date", d.value().toString());
            case Month m -> out.put("month", m.value().toString());
            case Quarter q -> out.put("quarter", q.last().getYear() + "-Q" + (q.last().getMonthValue() + 2) / 3);
            case Text t -> out.put("text", t.value());
            case Number n -> out.put("number", n.value());
            case Clause p -> out.put("reason", Map.of("code", p.reason().code(), "args", p.reason().jsonArgs()));
            case Items i -> {
                out.put("list", i.items().stream().map(Reason::json).toList());
                out.put("join", i.join());
            }
        }
        return out;
    }

    /** A reason read back from its code and its JSON arguments (as {@link #jsonArgs()} wrote them). */
    public static Reason fromJson(String code, List<?> args) {
        return new Reason(code, args.stream().map(Reason::fromJson).toList());
    }

    private static Arg fromJson(Object json) {
        Map<?, ?> arg = (Map<?, ?>) json;
        if (arg.containsKey("amount")) {
            return new Amount(new BigDecimal(arg.get("amount").toString()));
        } else if (arg.containsKey("rate")) {
            return new Rate(new BigDecimal(arg.get("rate").toString()));
        } else if (arg.containsKey("date")) {
            return new Day(LocalDate.parse(arg.get("date").toString()));
        } else if (arg.containsKey("month")) {
            return new Month(YearMonth.parse(arg.get("month").toString()));
        } else if (arg.containsKey("quarter")) {
            String[] parts = arg.get("quarter").toString().split("-Q");
            return new Quarter(YearMonth.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]) * 3));
        } else if (arg.containsKey("text")) {
            return new Text(String.valueOf(arg.get("text")));
        } else if (arg.containsKey("number")) {
            return new Number(((java.lang.Number) arg.get("number")).longValue());
        } else if (arg.containsKey("reason")) {
            Map<?, ?> reason = (Map<?, ?>) arg.get("reason");
            return new Clause(fromJson(reason.get("code").toString(), (List<?>) reason.get("args")));
        } else if (arg.containsKey("list")) {
            return new Items(((List<?>) arg.get("list")).stream().map(Reason::fromJson).toList(),
                    arg.get("join").toString());
        }
        throw new IllegalArgumentException("not a reason argument: " + arg.keySet());
    }
}
