package io.partnerhub.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One document of a bank statement ({@code СекцияДокумент} … {@code КонецДокумента}). Optional values
 * the file leaves empty are null; a tax id written as {@code 0} (the payer has none, order 107n of the
 * Ministry of Finance) is null too.
 *
 * @param line       the file's line of the document's {@code СекцияДокумент}
 * @param kind       the document kind named by {@code СекцияДокумент}, e.g. {@code Платежное поручение}
 * @param amount     {@code Сумма}, positive, at most two digits after the point, as written
 * @param payerName  {@code Плательщик1} (the name alone) when present, else {@code Плательщик}
 * @param payeeName  {@code Получатель1} when present, else {@code Получатель}
 * @param receivedOn {@code ДатаПоступило}: when the money reached the payee's bank
 * @param debitedOn  {@code ДатаСписано}: when the money left the payer's account
 * @param purpose    {@code НазначениеПлатежа} continued by {@code НазначениеПлатежа1}…{@code 6}, joined with a space
 */
public record BankDocument(int line, String kind, String number, LocalDate date, BigDecimal amount,
        String payerAccount, String payerName, String payerTaxId, String payeeAccount, String payeeName,
        String payeeTaxId, LocalDate receivedOn, LocalDate debitedOn, String purpose) {
}
