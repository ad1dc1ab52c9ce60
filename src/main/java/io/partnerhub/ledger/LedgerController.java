package io.partnerhub.ledger;

import java.math.BigDecimal;
import java.time.YearMonth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ReasonText;

@RestController
@Tag(name = "Rebate ledger", description = "Rebate balance, its entries, and withdrawals")
class LedgerController {

    private final RebateLedger ledger;

    LedgerController(RebateLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/api/v1/partners/{id}/balance")
    @Operation(summary = "The rebate balance and every ledger entry, oldest first")
    RebateLedger.Balance balance(Caller caller, @PathVariable long id,
                                 @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        return ledger.balance(caller, id, ReasonText.ofAcceptLanguage(language));
    }

    record Withdrawal(@NotNull @Digits(integer = 17, fraction = 2, message = "must be an amount with at most 2 decimals")
                      BigDecimal amount,
                      @NotNull RebateLedger.Destination destination,
                      YearMonth period) {
    }

    @PostMapping("/api/v1/partners/{id}/withdrawals")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Withdraw to BONUS (an open period's payable; default this month) or BANK_ACCOUNT;"
            + " 422 when the amount exceeds the balance")
    LedgerEntry withdraw(Caller caller, @PathVariable long id, @Valid @RequestBody Withdrawal w) {
        return ledger.withdraw(caller, id, w.amount(), w.destination(), w.period());
    }
}
