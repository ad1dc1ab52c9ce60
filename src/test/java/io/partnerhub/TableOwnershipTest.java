package io.partnerhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Data ownership follows the module boundaries (docs/architecture.md, "Data ownership"): each
 * feature owns its tables, and another feature's SQL names them only through the owner's
 * published read model, a view {@code <owner>_..._view} (migration V27 and later). Reads still
 * made around that are listed, one {@code feature -> table: reason} a line, in
 * {@code src/test/resources/modularity/table-ownership-allowlist.txt}: a new one fails this test,
 * and so does a listed one that is gone, so the list only shrinks.
 */
class TableOwnershipTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Path SOURCES = Path.of("src/main/java/io/partnerhub");
    private static final Path ALLOW_LIST = Path.of("src/test/resources/modularity/table-ownership-allowlist.txt");

    /** Who owns which table; a new table must be given an owner here (and in docs/architecture.md). */
    static final Map<String, Set<String>> OWNERS = ownerMap(
            "shared", "accounting_period idempotent_request scheduled_tasks",
            "program", "program_schedule",
            "partner", "partner partner_standing partner_token exam_pass certification partner_specialization"
                    + " exit_notice revocation",
            "customer", "customer customer_link customer_transfer consent_revocation link_request outbound_message",
            "deal", "deal deal_activity project_registration presale",
            "usage", "usage_import usage_row usage_row_default consumption_service consumption_service_import"
                    + " usage_restated_day usage_superseded usage_consumption_day usage_rollup usage_rollup_default"
                    + " usage_month_rollup usage_month_rollup_default usage_superseded_account",
            "settlement", "statement statement_line adjustment close_run close_part close_staged_statement"
                    + " close_staged_statement_line close_staged_consequence simulation",
            "ledger", "ledger_entry payout",
            "whitelabel", "partner_branding price_list price_list_service customer_invoicing customer_payment_model"
                    + " customer_payment customer_invoice customer_invoice_line customer_invoice_counter",
            "incentive", "bonus_code trial free_month sandbox sandbox_warning incentive_bonus co_marketing_event lead lead_offer",
            "billing", "partner_invoice partner_invoice_counter partner_account_credit payment_import partner_payment"
                    + " partner_billing_warning",
            "lifecycle", "partner_departure",
            "audit", "audit_entry",
            "event", "lifecycle_event",
            "portal", "portal_user portal_invitation sign_in_throttle spring_session spring_session_attributes",
            "cabinet", "cabinet_user cabinet_invitation",
            "demo", "");

    /** A table or view named right after one of these words, in a string literal of Java code. */
    private static final Pattern REFERENCE = Pattern.compile(
            "\\b(from|join|into|update|table|copy|truncate|analyze)\\s+(?:only\\s+)?([a-z_][a-z0-9_]*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WRITE = Pattern.compile("into|update|copy|truncate", Pattern.CASE_INSENSITIVE);
    /** The statements that make or unmake a table or view, in migration order. */
    private static final Pattern DDL = Pattern.compile(
            "create\\s+(?:or\\s+replace\\s+)?(table|view)\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)"
                    + "(?:[^;]*?\\bas\\b([^;]*))?"
                    + "|drop\\s+(?:table|view)\\s+(?:if\\s+exists\\s+)?([a-z_][a-z0-9_]*)"
                    + "|alter\\s+table\\s+([a-z_][a-z0-9_]*)\\s+rename\\s+to\\s+([a-z_][a-z0-9_]*)",
            Pattern.CASE_INSENSITIVE);

    private static final Schema SCHEMA = Schema.read();

    @Test
    void everyTableHasOneOwnerAndEveryViewNamesItsOwner() {
        Map<String, List<String>> ownersOfTable = new TreeMap<>();
        OWNERS.forEach((feature, tables) -> tables.forEach(t -> ownersOfTable.computeIfAbsent(t, k -> new ArrayList<>()).add(feature)));

        assertThat(SCHEMA.tables).as("tables of the migrations without an owner in OWNERS")
                .allSatisfy(table -> assertThat(ownersOfTable).containsKey(table));
        assertThat(ownersOfTable).as("tables with more than one owner, or owned but no longer created")
                .allSatisfy((table, owners) -> {
                    assertThat(owners).hasSize(1);
                    assertThat(SCHEMA.tables).contains(table);
                });
        assertThat(SCHEMA.views.keySet()).as("a view is a published read model: <owner>_..._view")
                .allSatisfy(view -> assertThat(viewOwner(view)).isPresent());
    }

    @Test
    void aPublishedViewReadsOnlyItsOwnersTables() {
        SCHEMA.views.forEach((view, body) -> {
            String owner = viewOwner(view).orElseThrow();
            Matcher m = REFERENCE.matcher(body);
            while (m.find()) {
                String name = m.group(2).toLowerCase(Locale.ROOT);
                if (SCHEMA.views.containsKey(name)) {
                    continue;
                }
                assertThat(ownerOf(name)).as("view %s reads %s", view, name).contains(owner);
            }
        });
    }

    /**
     * The ratchet: what each feature's SQL names of another feature's tables is exactly the
     * allow-list. Fix a read (a view, or the owner's Java API) and remove its line; never add one.
     */
    @Test
    void aFeaturesSqlNamesOnlyItsOwnTablesAndPublishedViews() {
        Map<String, Set<String>> found = violations();
        Map<String, String> allowed = allowList();

        Set<String> unexpected = new TreeSet<>(found.keySet());
        unexpected.removeAll(allowed.keySet());
        Set<String> gone = new TreeSet<>(allowed.keySet());
        gone.removeAll(found.keySet());

        assertThat(unexpected).as("SQL naming another feature's table (read it through a <owner>_..._view or the owner's"
                        + " Java API; where in the code: %s)", unexpected.stream().collect(Collectors.toMap(k -> k, found::get)))
                .isEmpty();
        assertThat(gone).as("allow-listed reads no longer made: remove their lines from %s", ALLOW_LIST).isEmpty();
    }

    @Test
    void sqlIsFoundInStringsAndTextBlocksNeverInComments() {
        String tq = "\"\"\"";
        String source = "// select * from deal\n"
                + "/* insert into customer */\n"
                + "String a = \"select id from partner where x = '\\\"' \";\n"
                + "String b = " + tq + "\n    select * from usage_row_2026_03 u join customer_account_view c on true" + tq + ";\n"
                + "char q = '\"';\n"
                + "String c = \"update ledger_entry set amount = 0\";\n";
        List<String> literals = JavaLiterals.of(source);

        assertThat(literals).hasSize(3);
        List<String> named = literals.stream().flatMap(l -> REFERENCE.matcher(l).results().map(r -> r.group(2))).toList();
        assertThat(named).containsExactly("partner", "usage_row_2026_03", "customer_account_view", "ledger_entry");
        assertThat(ownerOf("usage_row_2026_03")).contains("usage");
        assertThat(ownerOf("customer_account_view")).contains("customer");
        assertThat(ownerOf("partner_ending_view")).contains("partner");
        assertThat(ownerOf("no_such_thing")).isEmpty();
    }

    /** {@code feature -> table} for each table a feature's SQL names but does not own, with the files naming it. */
    static Map<String, Set<String>> violations() {
        Map<String, Set<String>> found = new TreeMap<>();
        for (String feature : OWNERS.keySet()) {
            for (Path file : javaFiles(SOURCES.resolve(feature))) {
                for (String literal : JavaLiterals.of(read(file))) {
                    Matcher m = REFERENCE.matcher(literal);
                    while (m.find()) {
                        String name = m.group(2).toLowerCase(Locale.ROOT);
                        boolean write = WRITE.matcher(m.group(1)).matches();
                        Optional<String> owner = ownerOf(name);
                        if (owner.isEmpty() || owner.get().equals(feature)
                                || (SCHEMA.views.containsKey(name) && !write)) {
                            continue;
                        }
                        found.computeIfAbsent(feature + " -> " + tableOf(name), k -> new TreeSet<>())
                                .add(file.getFileName().toString());
                    }
                }
            }
        }
        return found;
    }

    /** The owner of a table, a partition of one, or a view; empty for a name that is neither. */
    static Optional<String> ownerOf(String name) {
        if (SCHEMA.views.containsKey(name)) {
            return viewOwner(name);
        }
        String table = tableOf(name);
        return OWNERS.entrySet().stream().filter(e -> e.getValue().contains(table)).map(Map.Entry::getKey).findFirst();
    }

    /** {@code usage_row_2026_03} is a partition of {@code usage_row}, and so on. */
    private static String tableOf(String name) {
        Matcher partition = Pattern.compile("(usage_row|usage_rollup|usage_month_rollup)_\\d{4}_\\d{2}").matcher(name);
        return partition.matches() ? partition.group(1) : name;
    }

    private static Optional<String> viewOwner(String view) {
        if (!view.endsWith("_view")) {
            return Optional.empty();
        }
        return OWNERS.keySet().stream().filter(f -> view.startsWith(f + "_"))
                .max(Comparator.comparingInt(String::length));
    }

    private static Map<String, String> allowList() {
        Map<String, String> allowed = new TreeMap<>();
        for (String line : read(ALLOW_LIST).split("\n")) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            Matcher m = Pattern.compile("([a-z]+) -> ([a-z_0-9]+): (.+)").matcher(entry);
            assertThat(m.matches()).as("allow-list line '%s' is 'feature -> table: reason'", entry).isTrue();
            assertThat(allowed.put(m.group(1) + " -> " + m.group(2), m.group(3)))
                    .as("allow-list line '%s' is listed twice", entry).isNull();
        }
        return allowed;
    }

    private static Map<String, Set<String>> ownerMap(String... featureAndTables) {
        Map<String, Set<String>> owners = new LinkedHashMap<>();
        for (int i = 0; i < featureAndTables.length; i += 2) {
            owners.put(featureAndTables[i], Stream.of(featureAndTables[i + 1].split(" ")).filter(s -> !s.isBlank())
                    .collect(Collectors.toUnmodifiableSet()));
        }
        return owners;
    }

    private static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tables and the views (with the query each is defined as) the migrations create. */
    private record Schema(Set<String> tables, Map<String, String> views) {

        static Schema read() {
            Set<String> tables = new TreeSet<>();
            Map<String, String> views = new TreeMap<>();
            for (Path file : sqlFiles()) {
                String sql = TableOwnershipTest.read(file).replaceAll("--[^\n]*", "");
                Matcher m = DDL.matcher(sql);
                while (m.find()) {
                    if (m.group(4) != null) {
                        tables.remove(m.group(4).toLowerCase(Locale.ROOT));
                        views.remove(m.group(4).toLowerCase(Locale.ROOT));
                    } else if (m.group(5) != null) {
                        tables.remove(m.group(5).toLowerCase(Locale.ROOT));
                        tables.add(m.group(6).toLowerCase(Locale.ROOT));
                    } else if (m.group(1).equalsIgnoreCase("view")) {
                        views.put(m.group(2).toLowerCase(Locale.ROOT), m.group(3) == null ? "" : m.group(3));
                    } else {
                        tables.add(m.group(2).toLowerCase(Locale.ROOT));
                    }
                }
            }
            return new Schema(tables, views);
        }

        private static List<Path> sqlFiles() {
            try (Stream<Path> files = Files.list(MIGRATIONS)) {
                return files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The string literals of a Java source (text blocks included), without its comments. */
    static final class JavaLiterals {

        static List<String> of(String source) {
            List<String> literals = new ArrayList<>();
            int i = 0;
            int n = source.length();
            while (i < n) {
                char c = source.charAt(i);
                if (source.startsWith("//", i)) {
                    i = indexOrEnd(source, "\n", i);
                } else if (source.startsWith("/*", i)) {
                    i = indexOrEnd(source, "*/", i + 2) + 2;
                } else if (source.startsWith("\"\"\"", i)) {
                    int end = source.indexOf("\"\"\"", i + 3);
                    while (end > 0 && source.charAt(end - 1) == '\\') {
                        end = source.indexOf("\"\"\"", end + 1);
                    }
                    literals.add(source.substring(i + 3, end));
                    i = end + 3;
                } else if (c == '"') {
                    int j = i + 1;
                    while (j < n && source.charAt(j) != '"') {
                        j += source.charAt(j) == '\\' ? 2 : 1;
                    }
                    literals.add(source.substring(i + 1, j));
                    i = j + 1;
                } else if (c == '\'') {
                    int j = i + 1;
                    while (j < n && source.charAt(j) != '\'') {
                        j += source.charAt(j) == '\\' ? 2 : 1;
                    }
                    i = j + 1;
                } else {
                    i++;
                }
            }
            return literals;
        }

        private static int indexOrEnd(String s, String what, int from) {
            int at = s.indexOf(what, from);
            return at < 0 ? s.length() : at;
        }
    }
}
