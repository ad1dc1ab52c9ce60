package io.partnerhub.incentive;

import java.util.List;

import org.springframework.http.HttpStatus;

import io.partnerhub.shared.ProblemException;

/** Only the partner a warm lead is offered to answers the offer; an operator does not answer for it. */
class OfferedPartnerOnly extends ProblemException {
    OfferedPartnerOnly(String verb) {
        super(HttpStatus.FORBIDDEN, "Only the partner a lead is offered to may " + verb + " it; an operator does not"
                + " answer for a partner.", List.of());
    }
}
