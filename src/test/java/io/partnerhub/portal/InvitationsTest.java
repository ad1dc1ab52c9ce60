package io.partnerhub.portal;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.LegalForm;
import io.partnerhub.program.PartnerModel;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Invitation links against the real database, without the web: they work for seven days (up to,
 * not including, the instant seven days after they were made), once, and only the newest per
 * person and partner.
 */
@PlatformTest
class InvitationsTest {

    private static final Caller OPERATOR = new Caller.Operator("invitations-test");
    private static final String PASSWORD = "long enough password";

    @Autowired
    Invitations invitations;

    @Autowired
    Partners partners;

    @Autowired
    PortalUsers users;

    private long partner;

    @BeforeEach
    void aPartner() {
        String taxId = Api.unique();
        partner = partners.register(OPERATOR, new Partners.Application("vk-cloud", PartnerModel.PARTNER,
                "Invited " + taxId, LegalForm.LEGAL_ENTITY, taxId, LocalDate.parse("2020-01-15"), "RU",
                LocalDate.parse("2026-03-01"), null, null, null)).id();
    }

    @Test
    void aLinkWorksUntilSevenDaysAfterItWasMadeAndNotAtThatInstant() {
        Invitations.Issued late = invitations.invite(OPERATOR, partner, email(), "Late", "SALES");
        Invitations.Issued inTime = invitations.invite(OPERATOR, partner, email(), "In Time", "SALES");
        Instant made = late.invitation().createdAt();
        assertThat(late.invitation().expiresAt()).isEqualTo(made.plus(Duration.ofDays(7)));

        assertThatThrownBy(() -> invitations.accept(late.token(), PASSWORD, made.plus(Duration.ofDays(7))))
                .isInstanceOfSatisfying(InvitationGone.class,
                        gone -> assertThat(gone.why()).isEqualTo(InvitationGone.Why.EXPIRED));
        assertThat(users.byEmail(late.invitation().email())).isEmpty();

        Instant lastSecond = inTime.invitation().expiresAt().minusSeconds(1);
        PortalUsers.PortalUser made2 = invitations.accept(inTime.token(), PASSWORD, lastSecond);
        assertThat(made2.role()).isEqualTo(PortalUsers.Role.SALES);
        assertThat(made2.partnerId()).isEqualTo(partner);
    }

    @Test
    void aLinkMakesItsUserOnceAndIsSpentAfterwards() {
        Invitations.Issued issued = invitations.invite(OPERATOR, partner, email(), "Fedor Finance", "FINANCE");

        PortalUsers.PortalUser user = invitations.accept(issued.token(), PASSWORD);

        assertThat(user.email()).isEqualTo(issued.invitation().email());
        assertThat(user.displayName()).isEqualTo("Fedor Finance");
        assertThat(user.role()).isEqualTo(PortalUsers.Role.FINANCE);
        assertThat(user.partnerId()).isEqualTo(partner);
        assertThat(users.ofPartner(OPERATOR, partner)).extracting(PortalUsers.PortalUser::email)
                .containsExactly(issued.invitation().email());
        assertThatThrownBy(() -> invitations.accept(issued.token(), "another long password"))
                .isInstanceOfSatisfying(InvitationGone.class,
                        gone -> assertThat(gone.why()).isEqualTo(InvitationGone.Why.USED));
        assertThatThrownBy(() -> invitations.open(issued.token())).isInstanceOf(InvitationGone.class);
        assertThat(invitations.pending(OPERATOR, partner)).isEmpty();
    }

    @Test
    void aShortPasswordIsRefusedAndLeavesTheLinkUsable() {
        Invitations.Issued issued = invitations.invite(OPERATOR, partner, email(), "Short", "ADMIN");

        assertThatThrownBy(() -> invitations.accept(issued.token(), "123456789"))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.errors().getFirst().field()).isEqualTo("password"));

        assertThat(invitations.open(issued.token()).email()).isEqualTo(issued.invitation().email());
        assertThat(invitations.accept(issued.token(), "1234567890").role()).isEqualTo(PortalUsers.Role.ADMIN);
    }

    @Test
    void invitingTheSamePersonAgainReplacesTheLink() {
        String email = email();
        Invitations.Issued first = invitations.invite(OPERATOR, partner, email, "Twice", "SALES");
        Invitations.Issued second = invitations.invite(OPERATOR, partner, email.toUpperCase(), "Twice", "FINANCE");

        assertThatThrownBy(() -> invitations.open(first.token()))
                .isInstanceOfSatisfying(InvitationGone.class,
                        gone -> assertThat(gone.why()).isEqualTo(InvitationGone.Why.REPLACED));
        assertThat(invitations.pending(OPERATOR, partner)).extracting(Invitations.Invitation::id)
                .containsExactly(second.invitation().id());
        assertThat(invitations.accept(second.token(), PASSWORD).role()).isEqualTo(PortalUsers.Role.FINANCE);
        assertThatThrownBy(() -> invitations.open("inv_unknown")).isInstanceOf(NotFound.class);
    }

    @Test
    void badInvitationsAreRefusedNamingTheField() {
        String taken = email();
        invitations.accept(invitations.invite(OPERATOR, partner, taken, "Taken", "SALES").token(), PASSWORD);

        assertThatThrownBy(() -> invitations.invite(OPERATOR, partner, "not-an-address", "X", "SALES"))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.errors().getFirst().field()).isEqualTo("email"));
        assertThatThrownBy(() -> invitations.invite(OPERATOR, partner, taken, "X", "SALES"))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.getMessage())
                        .isEqualTo("a portal user with e-mail " + taken + " exists already"));
        assertThatThrownBy(() -> invitations.invite(OPERATOR, partner, email(), "X", "OPERATOR"))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.getMessage())
                        .isEqualTo("must be ADMIN, FINANCE or SALES, not 'OPERATOR'"));
        assertThatThrownBy(() -> invitations.invite(new Caller.PartnerUser(partner, 0, "nobody@x.ru"), partner,
                email(), "X", "SALES")).isInstanceOf(io.partnerhub.shared.OperatorOnly.class);
    }

    private static String email() {
        return "invited-" + Api.unique() + "@example.ru";
    }
}
