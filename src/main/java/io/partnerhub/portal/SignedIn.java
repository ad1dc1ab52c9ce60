package io.partnerhub.portal;

import io.partnerhub.shared.Caller;

/** The person behind a portal request, and the platform caller they act as. */
public record SignedIn(PortalUsers.PortalUser user, Caller caller) {

    public boolean operator() {
        return user.role() == PortalUsers.Role.OPERATOR;
    }

    public boolean seesMoney() {
        return user.role().seesMoney();
    }
}
