package io.partnerhub.program;

import java.math.BigDecimal;

/**
 * An entry of a program's service catalogue, matched to usage rows by name, case-insensitively.
 *
 * @param name       the service name as usage rows carry it
 * @param category   MAIN services carry the program's main rates; OTHER services their own rate
 * @param excluded   excluded services never count as eligible consumption
 * @param ratePercent for OTHER services, the per-service rate (null: 0)
 */
public record Service(String name, ServiceCategory category, boolean excluded, BigDecimal ratePercent) {

    public enum ServiceCategory { MAIN, OTHER }
}
