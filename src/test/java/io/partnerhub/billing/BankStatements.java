package io.partnerhub.billing;

import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Bank statements in the 1C exchange format as a bank exports them, built by the tests: windows-1251, CRLF. */
public final class BankStatements {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private BankStatements() {
    }

    /** A statement of the provider's {@code account} for {@code day}, made the next day, holding {@code documents}. */
    public static byte[] statement(String account, LocalDate day, String... documents) {
        StringBuilder text = new StringBuilder(String.join("\r\n", "1CClientBankExchange", "ВерсияФормата=1.03",
                "Кодировка=Windows", "Отправитель=Бухгалтерия предприятия, редакция 3.0",
                "ДатаСоздания=" + DAY.format(day.plusDays(1)), "ДатаНачала=" + DAY.format(day),
                "ДатаКонца=" + DAY.format(day), "РасчСчет=" + account, "СекцияРасчСчет", "РасчСчет=" + account,
                "НачальныйОстаток=0.00", "КонецРасчСчет")).append("\r\n");
        for (String document : documents) {
            text.append(document);
        }
        text.append("КонецФайла\r\n");
        return cp1251(text.toString());
    }

    /** A payment order from {@code payerAccount} (the payer's tax id {@code payerTaxId}) to {@code payeeAccount}. */
    public static String document(String number, String date, String amount, String payerAccount, String payerTaxId,
                                  String payeeAccount, String purpose) {
        return String.join("\r\n", "СекцияДокумент=Платежное поручение", "Номер=" + number, "Дата=" + date,
                "Сумма=" + amount, "ПлательщикСчет=" + payerAccount, "Плательщик1=ООО \"Плательщик " + payerTaxId + "\"",
                "ПлательщикИНН=" + payerTaxId, "ПолучательСчет=" + payeeAccount, "Получатель1=ООО \"Получатель\"",
                "ДатаПоступило=" + date, "НазначениеПлатежа=" + purpose, "КонецДокумента") + "\r\n";
    }

    public static byte[] cp1251(String text) {
        return text.getBytes(Charset.forName("windows-1251"));
    }
}
