package io.partnerhub.shared;

/**
 * Who makes a request: an operator of the provider, or a partner through one of its tokens or one
 * of its people signed in to the portal.
 * Controllers receive it as a parameter; it is also kept as a request attribute for the audit log.
 */
public sealed interface Caller {

    String REQUEST_ATTRIBUTE = Caller.class.getName();

    /** How the audit log names the caller. */
    String name();

    /** The partner the caller acts for, or null for an operator. */
    Long partnerId();

    default boolean isOperator() {
        return this instanceof Operator;
    }

    /** Refuses partners: for actions only the provider's operators may take. */
    default void requireOperator(String action) {
        if (!isOperator()) {
            throw new OperatorOnly(action);
        }
    }

    /** Whether the caller may see the partner's data. */
    default boolean sees(long partnerId) {
        return isOperator() || partnerId().equals(partnerId);
    }

    record Operator(String name) implements Caller {
        @Override
        public Long partnerId() {
            return null;
        }
    }

    /** A person signed in to the portal for a partner. */
    record PartnerUser(long id, long userId, String email) implements Caller {
        @Override
        public String name() {
            return "partner:" + id + "/user:" + email;
        }

        @Override
        public Long partnerId() {
            return id;
        }
    }

    record Partner(long id, long tokenId) implements Caller {
        @Override
        public String name() {
            return "partner:" + id + "/token:" + tokenId;
        }

        @Override
        public Long partnerId() {
            return id;
        }
    }
}
