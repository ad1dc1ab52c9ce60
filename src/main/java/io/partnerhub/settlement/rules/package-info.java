/**
 * The settlement's pure rules: {@link io.partnerhub.settlement.rules.StatementRules#settle} turns one
 * partner's immutable facts for a period ({@link io.partnerhub.settlement.rules.PartnerMonth}) into an
 * explained {@link io.partnerhub.settlement.rules.Statement}. No I/O, no Spring, no clock: only the
 * program's terms, {@link io.partnerhub.shared.Money} and this package, which PureRulesTest keeps.
 */
package io.partnerhub.settlement.rules;
