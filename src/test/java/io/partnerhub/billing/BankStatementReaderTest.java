package io.partnerhub.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.partnerhub.billing.BankStatementInvalid.Problem;

/** The 1C bank exchange reader on its own: a realistic statement in every encoding, and each refusal's line and field. */
class BankStatementReaderTest {

    private static final String OWN_ACCOUNT = "40702810900000000001";

    /**
     * A statement of our account for 1–5 May 2026: two partners pay invoices (lines 21 and 40), we pay
     * the rent (line 57). Balances: 100000.00 + 12500.00 + 25200.50 − 4800.00 = 132900.50.
     * {@code {encoding}} stands for the value of {@code Кодировка}.
     */
    private static final String SAMPLE = """
            1CClientBankExchange
            ВерсияФормата=1.03
            Кодировка={encoding}
            Отправитель=Бухгалтерия предприятия, редакция 3.0
            Получатель=
            ДатаСоздания=06.05.2026
            ВремяСоздания=09:15:02
            ДатаНачала=01.05.2026
            ДатаКонца=05.05.2026
            РасчСчет=40702810900000000001
            Документ=Платежное поручение
            СекцияРасчСчет
            ДатаНачала=01.05.2026
            ДатаКонца=05.05.2026
            РасчСчет=40702810900000000001
            НачальныйОстаток=100000.00
            ВсегоПоступило=37700.50
            ВсегоСписано=4800.00
            КонечныйОстаток=132900.50
            КонецРасчСчет
            СекцияДокумент=Платежное поручение
            Номер=315
            Дата=04.05.2026
            Сумма=12500.00
            ПлательщикСчет=40702810400000000123
            Плательщик=ИНН 7701234567 ООО "Ромашка"
            ПлательщикИНН=7701234567
            ПлательщикКПП=770101001
            Плательщик1=ООО "Ромашка"
            ПлательщикБИК=044525225
            ПолучательСчет=40702810900000000001
            Получатель=ИНН 7707654321 ООО "Партнерхаб"
            ПолучательИНН=7707654321
            ДатаПоступило=04.05.2026
            ДатаСписано=
            Очередность=5
            НазначениеПлатежа=Оплата по счёту № 2026-000017 от 03.05.2026,
            НазначениеПлатежа1=в т.ч. НДС 22 % - 2254.10 руб.
            КонецДокумента
            СекцияДокумент=Платежное поручение
            Номер=48
            Дата=05.05.2026
            Сумма=25200.50
            ПлательщикСчет=40802810138000012345
            Плательщик=Индивидуальный предприниматель Соколова Анна Игоревна
            ПлательщикИНН=500100732259
            ПлательщикКПП=
            ПолучательСчет=40702810900000000001
            Получатель=ИНН 7707654321 ООО "Партнерхаб"
            Получатель1=ООО "Партнерхаб"
            ПолучательИНН=7707654321
            ДатаПоступило=05.05.2026
            ДатаСписано=05.05.2026
            НазначениеПлатежа=Оплата по счёту № 2026-000018 от 04.05.2026 за услуги партнерской программы,
            НазначениеПлатежа1=в т.ч. НДС 22 % - 4544.35 руб.
            КонецДокумента
            СекцияДокумент=Платежное поручение
            Номер=1021
            Дата=05.05.2026
            Сумма=4800.00
            ПлательщикСчет=40702810900000000001
            Плательщик1=ООО "Партнерхаб"
            ПлательщикИНН=7707654321
            ПолучательСчет=40702810600000000456
            Получатель1=ООО "Бизнес-центр Северный"
            ПолучательИНН=7714000001
            ДатаСписано=05.05.2026
            НазначениеПлатежа=Аренда офиса за май 2026 г. по договору № 12/А. Без НДС
            КонецДокумента
            КонецФайла
            """;

    private static final BankDocument FIRST = new BankDocument(21, "Платежное поручение", "315",
            LocalDate.of(2026, 5, 4), new BigDecimal("12500.00"), "40702810400000000123", "ООО \"Ромашка\"",
            "7701234567", OWN_ACCOUNT, "ИНН 7707654321 ООО \"Партнерхаб\"", "7707654321", LocalDate.of(2026, 5, 4),
            null, "Оплата по счёту № 2026-000017 от 03.05.2026, в т.ч. НДС 22 % - 2254.10 руб.");
    private static final BankDocument SECOND = new BankDocument(40, "Платежное поручение", "48",
            LocalDate.of(2026, 5, 5), new BigDecimal("25200.50"), "40802810138000012345",
            "Индивидуальный предприниматель Соколова Анна Игоревна", "500100732259", OWN_ACCOUNT,
            "ООО \"Партнерхаб\"", "7707654321", LocalDate.of(2026, 5, 5), LocalDate.of(2026, 5, 5),
            "Оплата по счёту № 2026-000018 от 04.05.2026 за услуги партнерской программы, в т.ч. НДС 22 % - 4544.35 руб.");
    private static final BankDocument THIRD = new BankDocument(57, "Платежное поручение", "1021",
            LocalDate.of(2026, 5, 5), new BigDecimal("4800.00"), OWN_ACCOUNT, "ООО \"Партнерхаб\"", "7707654321",
            "40702810600000000456", "ООО \"Бизнес-центр Северный\"", "7714000001", null, LocalDate.of(2026, 5, 5),
            "Аренда офиса за май 2026 г. по договору № 12/А. Без НДС");

    @ParameterizedTest(name = "{0}{1}, {2} line ends, Кодировка={3}")
    @CsvSource({
            "windows-1251, '',    CRLF, Windows, windows-1251",
            "windows-1251, '',    LF,   Windows, windows-1251",
            "UTF-8,        BOM,   CRLF, Windows, UTF-8",
            "UTF-8,        BOM,   LF,   Windows, UTF-8",
            "UTF-8,        '',    CRLF, Windows, UTF-8",
            "UTF-8,        '',    LF,   '',      UTF-8",
            "IBM866,       '',    CRLF, DOS,     IBM866",
            "IBM866,       '',    LF,   DOS,     IBM866"})
    void readsTheStatementInEveryEncodingAndLineEnding(String charset, String bom, String lineEnd, String declared,
            String readAs) {
        byte[] file = encode(sample(declared), Charset.forName(charset), "BOM".equals(bom),
                "CRLF".equals(lineEnd) ? "\r\n" : "\n");

        BankStatement statement = BankStatementReader.read(file);

        assertThat(statement.encoding()).isEqualTo(readAs);
        assertThat(statement.documents()).containsExactly(FIRST, SECOND, THIRD);
        assertThat(statement.accounts()).containsExactly(OWN_ACCOUNT);
    }

    @Test
    void readsTheHeaderAndTheIncomingPayments() {
        BankStatement statement = BankStatementReader.read(cp1251(sample("Windows")));

        assertThat(statement.version()).isEqualTo("1.03");
        assertThat(statement.sender()).isEqualTo("Бухгалтерия предприятия, редакция 3.0");
        assertThat(statement.createdOn()).isEqualTo(LocalDate.of(2026, 5, 6));
        assertThat(statement.from()).isEqualTo(LocalDate.of(2026, 5, 1));
        assertThat(statement.to()).isEqualTo(LocalDate.of(2026, 5, 5));
        assertThat(statement.incoming(OWN_ACCOUNT)).containsExactly(FIRST, SECOND);
        assertThat(statement.incoming(" " + OWN_ACCOUNT + " ")).containsExactly(FIRST, SECOND);
        assertThat(statement.incoming("40702810600000000456")).containsExactly(THIRD);
        assertThat(statement.incoming("40702810000000000999")).isEmpty();
        assertThat(statement.incoming(OWN_ACCOUNT)).extracting(BankDocument::amount)
                .map(BigDecimal::toPlainString).containsExactly("12500.00", "25200.50");
    }

    @Test
    void theSameContentInTwoEncodingsGivesTheSameDocumentsButAnotherDigest() {
        byte[] windows = cp1251(sample("Windows"));
        byte[] utf8 = encode(sample("Windows"), StandardCharsets.UTF_8, true, "\n");

        BankStatement fromWindows = BankStatementReader.read(windows);
        BankStatement fromUtf8 = BankStatementReader.read(utf8);

        assertThat(fromUtf8.documents()).isEqualTo(fromWindows.documents());
        assertThat(fromUtf8.accounts()).isEqualTo(fromWindows.accounts());
        assertThat(fromUtf8.sha256()).isNotEqualTo(fromWindows.sha256());
    }

    @Test
    void theDigestIsOfTheRawBytesSoTheSameFileIsRecognizedAgain() throws Exception {
        byte[] file = cp1251(sample("Windows"));

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));

        assertThat(BankStatementReader.read(file).sha256()).isEqualTo(expected).hasSize(64);
        assertThat(BankStatementReader.read(file.clone()).sha256()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                  | purpose lines, ';' between                                                     | purpose read
            one line                                | НазначениеПлатежа=Оплата по счёту № 2026-000017                                | Оплата по счёту № 2026-000017
            continued                               | НазначениеПлатежа=Оплата по счёту;НазначениеПлатежа1=№ 2026-000017             | Оплата по счёту № 2026-000017
            continued in any order                  | НазначениеПлатежа2=от 03.05.2026;НазначениеПлатежа=Оплата;НазначениеПлатежа1=№ 17 | Оплата № 17 от 03.05.2026
            only numbered lines                     | НазначениеПлатежа1=Оплата по счёту;НазначениеПлатежа2=№ 2026-000017            | Оплата по счёту № 2026-000017
            numbered lines repeat the whole         | НазначениеПлатежа=Оплата по счёту № 17;НазначениеПлатежа1=Оплата по счёту № 17 | Оплата по счёту № 17
            numbered lines split the whole          | НазначениеПлатежа=Оплата по счёту № 17 от 03.05.2026;НазначениеПлатежа1=Оплата по сч;НазначениеПлатежа2=ёту № 17 от 03.05.2026 | Оплата по счёту № 17 от 03.05.2026
            empty continuations skipped             | НазначениеПлатежа=Оплата;НазначениеПлатежа1=;НазначениеПлатежа2=№ 17           | Оплата № 17
            """)
    void joinsThePurposeFromItsContinuationKeys(String name, String purposeLines, String expected) {
        List<String> lines = new ArrayList<>(List.of(sample("Windows").split("\n")));
        lines.removeIf(line -> line.startsWith("НазначениеПлатежа"));
        lines.addAll(lines.indexOf("КонецДокумента"), List.of(purposeLines.split(";")));

        BankStatement statement = BankStatementReader.read(cp1251(String.join("\r\n", lines)));

        assertThat(statement.documents().getFirst().purpose()).isEqualTo(expected);
        assertThat(statement.documents().get(2).purpose()).isNull();
    }

    /** Each bad value on a line of the sample is refused with that line and its key, and nothing else. */
    @ParameterizedTest(name = "line {0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # line | replaced by                  | field          | message
            24     | Сумма=12500,00               | Сумма          | '12500,00' is not an amount (digits with a dot before the kopecks, e.g. 12500.00): the decimal separator is a dot
            24     | Сумма=двенадцать тысяч       | Сумма          | 'двенадцать тысяч' is not an amount (digits with a dot before the kopecks, e.g. 12500.00)
            24     | Сумма=                       | Сумма          | is required in the document
            24     | Сумма=-12500.00              | Сумма          | '-12500.00' is not a payment amount: it must be more than zero
            24     | Сумма=0.00                   | Сумма          | '0.00' is not a payment amount: it must be more than zero
            24     | Сумма=12500.005              | Сумма          | '12500.005' has more than two digits after the point
            23     | Дата=31.04.2026              | Дата           | '31.04.2026' is not a date (DD.MM.YYYY)
            23     | Дата=2026-05-04              | Дата           | '2026-05-04' is not a date (DD.MM.YYYY)
            23     | Дата=                        | Дата           | is required in the document
            22     | Номер=                       | Номер          | is required in the document
            22     | Номер=31 5                   | Номер          | '31 5' is not a document number (up to 20 letters, digits, '-' or '/')
            27     | ПлательщикИНН=77012345       | ПлательщикИНН  | '77012345' is not a tax id (10 or 12 digits)
            27     | ПлательщикИНН=77012345678    | ПлательщикИНН  | '77012345678' is not a tax id (10 or 12 digits)
            27     | ПлательщикИНН=770123456X     | ПлательщикИНН  | '770123456X' is not a tax id (10 or 12 digits)
            33     | ПолучательИНН=7707 654321    | ПолучательИНН  | '7707 654321' is not a tax id (10 or 12 digits)
            31     | ПолучательСчет=4070281090000 | ПолучательСчет | '4070281090000' is not an account number (20 digits)
            34     | ДатаПоступило=4 мая          | ДатаПоступило  | '4 мая' is not a date (DD.MM.YYYY)
            6      | ДатаСоздания=06.05.26        | ДатаСоздания   | '06.05.26' is not a date (DD.MM.YYYY)
            9      | ДатаКонца=30.04.2026         | ДатаКонца      | the last day covered is before the first (ДатаНачала 2026-05-01)
            19     | КонечныйОстаток=132 900.50   | КонечныйОстаток | '132 900.50' is not an amount (digits with a dot before the kopecks, e.g. 12500.00)
            36     | Очередность                  | Очередность    | is neither key=value nor a section marker: 'Очередность'
            36     | =5                           | (line)         | has no key before '=': '=5'
            36     | Сумма=12500.00               | Сумма          | appears twice in the document (first on line 24)
            36     | КонецРасчСчет                | КонецРасчСчет  | closes no section: there is no open СекцияРасчСчет
            1      | 1CClientBankExchange 1.03    | 1CClientBankExchange | the first line must be 1CClientBankExchange, not '1CClientBankExchange 1.03'
            """)
    void refusesABadValueWithItsLineAndField(int line, String replacement, String field, String message) {
        List<String> lines = sampleLines();
        if (line != 36) { // the lines of the table replace the value of the key they are refused for
            assertThat(lines.get(line - 1)).as("the table names the sample's line").startsWith(field);
        }
        lines.set(line - 1, replacement);

        assertThat(problems(String.join("\r\n", lines))).containsExactly(new Problem(line, field, message));
    }

    @Test
    void aMissingFirstLineIsAProblemOnLineOne() {
        List<String> lines = sampleLines();
        lines.removeFirst();

        assertThat(problems(String.join("\n", lines))).containsExactly(new Problem(1, "1CClientBankExchange",
                "the first line must be 1CClientBankExchange, not 'ВерсияФормата=1.03'"));
    }

    @Test
    void aDocumentWithoutItsEndIsAProblemWhereItStarts() {
        List<String> lines = sampleLines();
        lines.remove(38); // the first document's КонецДокумента, line 39

        assertThat(problems(String.join("\n", lines))).containsExactly(new Problem(21, "КонецДокумента",
                "the section that starts here has no КонецДокумента before line 39"));
    }

    @Test
    void theLastDocumentWithoutItsEndNorTheFilesEndIsTwoProblems() {
        List<String> lines = sampleLines();
        lines.subList(lines.size() - 2, lines.size()).clear(); // КонецДокумента, КонецФайла

        assertThat(problems(String.join("\n", lines))).containsExactly(
                new Problem(57, "КонецДокумента", "the section that starts here has no КонецДокумента before the end of the file"),
                new Problem(68, "КонецФайла", "the file ends without КонецФайла: it may have been cut short"));
    }

    @Test
    void anAccountSectionWithoutItsEndOrItsAccountIsAProblemWhereItStarts() {
        List<String> lines = sampleLines();
        lines.remove(19); // КонецРасчСчет, line 20
        lines.remove(14); // РасчСчет, line 15

        assertThat(problems(String.join("\n", lines))).containsExactly(
                new Problem(12, "КонецРасчСчет", "the section that starts here has no КонецРасчСчет before line 19"),
                new Problem(12, "РасчСчет", "is required in the account section"));
    }

    @Test
    void anUnknownSectionIsAProblemAndItsKeysAreNotRead() {
        List<String> lines = sampleLines();
        lines.addAll(lines.size() - 1, List.of("СекцияВыписка", "Сумма=не число", "КонецВыписка"));

        assertThat(problems(String.join("\n", lines))).containsExactly(new Problem(70, "СекцияВыписка",
                "is not a section of the 1C exchange format read here (СекцияРасчСчет, СекцияДокумент); "
                        + "the section up to КонецВыписка is not read"));
    }

    @Test
    void textAfterTheEndOfTheFileIsAProblemOnce() {
        List<String> lines = sampleLines();
        lines.addAll(List.of("", "СекцияДокумент=Платежное поручение", "Сумма=100.00"));

        assertThat(problems(String.join("\r\n", lines) + "\r\n")).containsExactly(new Problem(72, "КонецФайла",
                "nothing may follow КонецФайла, but the line is 'СекцияДокумент=Платежное поручение'"));
    }

    @Test
    void everyProblemOfTheFileIsReportedInLineOrder() {
        List<String> lines = sampleLines();
        lines.set(59, "Сумма=4800,00");
        lines.set(45, "ПлательщикИНН=123");
        lines.set(22, "Дата=32.05.2026");
        lines.set(21, "Номер=");
        lines.set(0, "1CClientBankExchange, version 1.03");

        assertThat(problems(String.join("\n", lines))).extracting(Problem::line, Problem::field).containsExactly(
                tuple(1, "1CClientBankExchange"), tuple(22, "Номер"), tuple(23, "Дата"), tuple(46, "ПлательщикИНН"),
                tuple(60, "Сумма"));
    }

    @Test
    void aDocumentWithoutAKindOrItsRequiredKeysNamesThemAtItsStart() {
        String file = String.join("\n", "1CClientBankExchange", "ВерсияФормата=1.03", "СекцияДокумент=",
                "ПолучательСчет=" + OWN_ACCOUNT, "КонецДокумента", "КонецФайла");

        assertThat(problems(file)).containsExactly(
                new Problem(3, "СекцияДокумент", "names no document kind (e.g. СекцияДокумент=Платежное поручение)"),
                new Problem(3, "Номер", "is required in the document"),
                new Problem(3, "Дата", "is required in the document"),
                new Problem(3, "Сумма", "is required in the document"));
    }

    @Test
    void aTaxIdOfZeroMeansThePayerHasNone() {
        String file = sample("Windows").replace("ПлательщикИНН=500100732259", "ПлательщикИНН=0");

        assertThat(BankStatementReader.read(cp1251(file)).documents().get(1).payerTaxId()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "empty,                    '',                    1, the file is empty; a bank statement starts with the line 1CClientBankExchange",
            "the marker alone,         1CClientBankExchange,  1, the file ends without КонецФайла: it may have been cut short"})
    void anAlmostEmptyFileIsRefused(String name, String text, int line, String message) {
        assertThat(problems(text)).extracting(Problem::line, Problem::message).containsExactly(tuple(line, message));
    }

    @Test
    void aFileThatIsNotTextIsRefusedAsAWhole() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};

        assertThat(catchThrowableOfType(BankStatementInvalid.class, () -> BankStatementReader.read(png)).problems())
                .containsExactly(new Problem(2, "(file)",
                        "is not text in UTF-8, windows-1251 or CP866: it contains the control character U+001A"));
    }

    @Test
    void aByteNoEncodingReadsIsAProblemOnItsLine() {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(cp1251("1CClientBankExchange\r\nВерсияФормата=1.03\r\nОтправитель="));
        file.write(0x98); // the one byte windows-1251 leaves undefined
        file.writeBytes(cp1251("\r\nКонецФайла\r\n"));

        assertThat(catchThrowableOfType(BankStatementInvalid.class, () -> BankStatementReader.read(file.toByteArray()))
                .problems()).extracting(Problem::line, Problem::field).containsExactly(tuple(3, "(file)"));
    }

    @Test
    void aBrokenUtf8FileWithAByteOrderMarkIsNotText() {
        byte[] file = encode(sample("Windows"), StandardCharsets.UTF_8, true, "\n");
        file[file.length - 3] = (byte) 0xC0;

        assertThat(catchThrowableOfType(BankStatementInvalid.class, () -> BankStatementReader.read(file)).problems())
                .extracting(Problem::line, Problem::field).containsExactly(tuple(70, "(file)"));
    }

    @Test
    void theDosEndOfFileMarkAfterTheLastLineIsIgnored() {
        byte[] file = encode(sample("DOS") + "\u001A", Charset.forName("IBM866"), false, "\r\n");

        assertThat(BankStatementReader.read(file).documents()).containsExactly(FIRST, SECOND, THIRD);
    }

    @Test
    void theExceptionSaysHowManyProblemsAndTheFirstOnes() {
        assertThatThrownBy(() -> BankStatementReader.read(cp1251("1CClientBankExchange\nСумма")))
                .isInstanceOf(BankStatementInvalid.class)
                .hasMessage("The bank statement has 2 problems: line 2, Сумма: is neither key=value nor a section marker: "
                        + "'Сумма'; line 2, КонецФайла: the file ends without КонецФайла: it may have been cut short");
    }

    private static String sample(String declaredEncoding) {
        return SAMPLE.replace("{encoding}", declaredEncoding);
    }

    private static List<String> sampleLines() {
        return new ArrayList<>(List.of(sample("Windows").split("\n")));
    }

    private static List<Problem> problems(String text) {
        BankStatementInvalid invalid = catchThrowableOfType(BankStatementInvalid.class,
                () -> BankStatementReader.read(cp1251(text)));
        assertThat(invalid).as("the file is refused").isNotNull();
        assertThat(invalid.count()).isEqualTo(invalid.problems().size());
        return invalid.problems();
    }

    private static byte[] cp1251(String text) {
        return encode(text, Charset.forName("windows-1251"), false, null);
    }

    /** The text in {@code charset}, strictly (a character it cannot write fails the test), with the given line ends. */
    private static byte[] encode(String text, Charset charset, boolean bom, String lineEnd) {
        String withLineEnds = lineEnd == null ? text : text.replace("\r\n", "\n").replace("\n", lineEnd);
        try {
            ByteBuffer encoded = charset.newEncoder().encode(CharBuffer.wrap(withLineEnds));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (bom) {
                out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            }
            out.write(encoded.array(), encoded.arrayOffset(), encoded.limit());
            return out.toByteArray();
        } catch (CharacterCodingException e) {
            throw new AssertionError(charset + " cannot write the sample", e);
        }
    }
}
