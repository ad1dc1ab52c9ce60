package io.partnerhub.billing;

import static io.partnerhub.billing.Problems.quoted;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the lines of one 1C exchange file: the first line, the header, the {@code СекцияРасчСчет} and
 * {@code СекцияДокумент} sections and {@code КонецФайла}. Keys it does not read (the format has many:
 * banks, BICs, tax fields) are skipped; everything it does read is checked, and every problem is kept.
 * One parser reads one file.
 */
final class StatementParser {

    static final String FIRST_LINE = "1CClientBankExchange";
    static final String END_OF_FILE = "КонецФайла";

    private static final String DOCUMENT = "СекцияДокумент";
    private static final String DOCUMENT_END = "КонецДокумента";
    private static final String ACCOUNT = "СекцияРасчСчет";
    private static final String ACCOUNT_END = "КонецРасчСчет";
    private static final String ACCOUNT_KEY = "РасчСчет";
    private static final String SECTION = "Секция";
    private static final String END = "Конец";

    /** Where the parser is: before the first section, inside one, between two, or past {@code КонецФайла}. */
    private enum Place { HEADER, BETWEEN, ACCOUNT, DOCUMENT, UNKNOWN, AFTER_END }

    private final Problems problems;
    private final SectionValues header;
    private final Set<String> accounts = new LinkedHashSet<>();
    private final List<BankDocument> documents = new ArrayList<>();
    private Place place = Place.HEADER;
    private SectionValues section;
    private String documentKind;
    private String unknownEnd;
    private boolean textAfterEnd;

    StatementParser(Problems problems) {
        this.problems = problems;
        this.header = new SectionValues(1, "the header", problems);
    }

    /** The statement, or the problems thrown as {@link BankStatementInvalid}. */
    BankStatement parse(StatementText text, String sha256) {
        List<String> lines = text.lines();
        int first = 0;
        if (lines.isEmpty()) {
            problems.add(1, FIRST_LINE, "the file is empty; a bank statement starts with the line " + FIRST_LINE);
        } else if (!lines.getFirst().strip().equals(FIRST_LINE)) {
            problems.add(1, FIRST_LINE, "the first line must be " + FIRST_LINE + ", not " + quoted(lines.getFirst().strip()));
            // a key on the first line is the header's, its marker missing: read it; anything else was meant as the marker
            first = lines.getFirst().contains("=") ? 0 : 1;
        } else {
            first = 1;
        }
        for (int i = first; i < lines.size(); i++) {
            accept(i + 1, lines.get(i).strip());
        }
        if (place != Place.AFTER_END && !lines.isEmpty()) {
            closeSection("the end of the file");
            problems.add(lines.size(), END_OF_FILE, "the file ends without " + END_OF_FILE + ": it may have been cut short");
        }
        BankStatement statement = statement(text, sha256);
        problems.throwIfAny();
        return statement;
    }

    private void accept(int line, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (place == Place.AFTER_END) {
            if (!textAfterEnd) { // reported once: what follows is not read
                problems.add(line, END_OF_FILE, "nothing may follow " + END_OF_FILE + ", but the line is " + quoted(text));
                textAfterEnd = true;
            }
            return;
        }
        int equals = text.indexOf('=');
        String key = equals < 0 ? text : text.substring(0, equals).strip();
        String value = equals < 0 ? "" : text.substring(equals + 1).strip();
        if (key.isEmpty()) {
            problems.add(line, "(line)", "has no key before '=': " + quoted(text));
        } else if (!marker(line, key, value, equals >= 0)) {
            value(line, key, value, equals >= 0, text);
        }
    }

    /** Handles a section's start or end, or {@code КонецФайла}; false when the key is none of these. */
    private boolean marker(int line, String key, String value, boolean hasValue) {
        switch (key) {
            case DOCUMENT -> openDocument(line, value);
            case ACCOUNT -> open(line, Place.ACCOUNT, new SectionValues(line, "the account section", problems));
            case DOCUMENT_END -> closeExpected(line, key, Place.DOCUMENT, DOCUMENT);
            case ACCOUNT_END -> closeExpected(line, key, Place.ACCOUNT, ACCOUNT);
            case END_OF_FILE -> {
                closeSection("line " + line);
                place = Place.AFTER_END;
            }
            default -> {
                if (place == Place.UNKNOWN) {
                    if (key.equals(unknownEnd)) {
                        place = Place.BETWEEN;
                    }
                    return true;
                }
                if (key.startsWith(SECTION)) {
                    open(line, Place.UNKNOWN, null);
                    unknownEnd = END + key.substring(SECTION.length());
                    problems.add(line, key, "is not a section of the 1C exchange format read here (" + ACCOUNT + ", "
                            + DOCUMENT + "); the section up to " + unknownEnd + " is not read");
                    return true;
                }
                if (key.startsWith(END) && !hasValue) {
                    problems.add(line, key, "ends no section: it is not a marker of the 1C exchange format");
                    return true;
                }
                return false;
            }
        }
        return true;
    }

    private void value(int line, String key, String value, boolean hasValue, String text) {
        if (!hasValue) {
            problems.add(line, key, "is neither key=value nor a section marker: " + quoted(text));
            return;
        }
        switch (place) {
            case HEADER -> {
                if (key.equals(ACCOUNT_KEY)) {
                    SectionValues account = new SectionValues(line, "the header", problems);
                    account.put(line, key, value);
                    addAccount(account.account(key));
                } else if (!key.equals("Документ")) { // the kinds of documents the file holds; repeats
                    header.put(line, key, value);
                }
            }
            case ACCOUNT, DOCUMENT -> section.put(line, key, value);
            case BETWEEN -> problems.add(line, key, "is outside any section: the header's keys come before the first "
                    + "section, the others between a section's start and end");
            default -> throw new IllegalStateException("no value is read " + place);
        }
    }

    private void openDocument(int line, String kind) {
        open(line, Place.DOCUMENT, new SectionValues(line, "the document", problems));
        documentKind = kind.isEmpty() ? null : kind;
        if (documentKind == null) {
            problems.add(line, DOCUMENT, "names no document kind (e.g. " + DOCUMENT + "=Платежное поручение)");
        }
    }

    private void open(int line, Place opened, SectionValues values) {
        closeSection("line " + line);
        place = opened;
        section = values;
    }

    private void closeExpected(int line, String key, Place expected, String start) {
        if (place == expected) {
            finishSection();
        } else {
            problems.add(line, key, "closes no section: there is no open " + start);
        }
    }

    /** Closes a section a marker leaves open, reporting its missing end at the line where it starts. */
    private void closeSection(String closedBy) {
        if (place == Place.DOCUMENT || place == Place.ACCOUNT) {
            String end = place == Place.DOCUMENT ? DOCUMENT_END : ACCOUNT_END;
            problems.add(section.line(), end, "the section that starts here has no " + end + " before " + closedBy);
            finishSection();
        }
        if (place != Place.HEADER) {
            place = Place.BETWEEN;
        }
    }

    private void finishSection() {
        if (place == Place.DOCUMENT) {
            documents.add(document(section));
        } else {
            addAccount(section.required(ACCOUNT_KEY) == null ? null : section.account(ACCOUNT_KEY));
            section.date("ДатаНачала", false);
            section.date("ДатаКонца", false);
            for (String key : List.of("НачальныйОстаток", "ВсегоПоступило", "ВсегоСписано", "КонечныйОстаток")) {
                section.balance(key);
            }
        }
        place = Place.BETWEEN;
        section = null;
    }

    private BankDocument document(SectionValues values) {
        return new BankDocument(values.line(), documentKind, values.number("Номер"), values.date("Дата", true),
                values.amount("Сумма"), values.account("ПлательщикСчет"), values.text("Плательщик1", "Плательщик"),
                values.taxId("ПлательщикИНН"), values.account("ПолучательСчет"), values.text("Получатель1", "Получатель"),
                values.taxId("ПолучательИНН"), values.date("ДатаПоступило", false), values.date("ДатаСписано", false),
                values.purpose());
    }

    private BankStatement statement(StatementText text, String sha256) {
        LocalDate from = header.date("ДатаНачала", false);
        LocalDate to = header.date("ДатаКонца", false);
        if (from != null && to != null && to.isBefore(from)) {
            header.fail("ДатаКонца", "the last day covered is before the first (ДатаНачала " + from + ")");
        }
        return new BankStatement(header.text("ВерсияФормата"), text.charset().name(), header.text("Отправитель"),
                header.date("ДатаСоздания", false), from, to, List.copyOf(accounts), documents, sha256);
    }

    private void addAccount(String account) {
        if (account != null) {
            accounts.add(account);
        }
    }
}
