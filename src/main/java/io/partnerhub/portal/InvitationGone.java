package io.partnerhub.portal;

import io.partnerhub.shared.ProblemException;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Locale;

/** An invitation link that existed but can no longer be used (410): it expired, was used or was replaced. */
class InvitationGone extends ProblemException {

    enum Why { EXPIRED, USED, REPLACED }

    private final Why why;

    InvitationGone(Why why) {
        super(HttpStatus.GONE, "This invitation link is " + why.name().toLowerCase(Locale.ROOT)
                + " and can no longer be used.", List.of());
        this.why = why;
    }

    Why why() {
        return why;
    }
}
