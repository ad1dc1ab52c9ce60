package io.partnerhub.billing;

import java.time.LocalDate;
import java.util.List;

/**
 * A bank statement in the 1C exchange format, as read: its header, the accounts it covers and its
 * documents in file order. {@code sha256} is the hex digest of the file's raw bytes, so the same file
 * imported again is recognizable whatever its encoding.
 *
 * @param version   {@code ВерсияФормата}, e.g. {@code 1.03}; null when absent
 * @param encoding  the charset the file was read in: {@code UTF-8}, {@code windows-1251} or {@code IBM866}
 * @param sender    {@code Отправитель}, the program that wrote the file; null when absent
 * @param createdOn {@code ДатаСоздания}; null when absent
 * @param from      {@code ДатаНачала}, the first day covered; null when absent
 * @param to        {@code ДатаКонца}, the last day covered; null when absent
 * @param accounts  the accounts of the header's {@code РасчСчет} keys and of the {@code СекцияРасчСчет}
 *                  sections, each once, in file order
 */
public record BankStatement(String version, String encoding, String sender, LocalDate createdOn, LocalDate from,
        LocalDate to, List<String> accounts, List<BankDocument> documents, String sha256) {

    public BankStatement {
        accounts = List.copyOf(accounts);
        documents = List.copyOf(documents);
    }

    /** The payments received: the documents whose payee account is {@code ownAccount}. */
    public List<BankDocument> incoming(String ownAccount) {
        String account = ownAccount.strip();
        return documents.stream().filter(document -> account.equals(document.payeeAccount())).toList();
    }
}
