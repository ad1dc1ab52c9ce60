package io.partnerhub.shared;

import java.time.YearMonth;

/**
 * Work a feature does inside a month's close, in its transaction and under its exclusive period
 * lock, after every statement of the month is stored and its consequences carried out, before the
 * month is sealed: what follows from the issued statements (the partners' invoices, for instance).
 * Runs once per month closed; a close rolled back takes it along.
 */
public interface AfterClose {

    void afterClose(String actor, YearMonth month);
}
