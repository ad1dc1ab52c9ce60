package io.partnerhub.portal;

import io.partnerhub.shared.PeriodInput;
import io.partnerhub.partner.Credentials;
import io.partnerhub.partner.NewPartner;
import io.partnerhub.partner.NotEligible;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.PartnerLifecycle;
import io.partnerhub.partner.PartnerStatus;
import io.partnerhub.partner.Partners;
import io.partnerhub.partner.Specializations;
import io.partnerhub.program.LegalForm;
import io.partnerhub.program.PartnerModel;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The operator's partner pages: the partners, filtered and paged; a new application, judged exactly
 * as {@code POST /api/v1/partners} judges it; one partner's profile, standing, credentials and
 * users, with its exit notice, revocation, new users and invitations. Partners' people get 404.
 */
@Controller
@PortalPage
class PartnerConsolePages {

    static final int PER_PAGE = 50;

    private final Partners partners;
    private final PartnerLifecycle lifecycle;
    private final Credentials credentials;
    private final Specializations specializations;
    private final PortalUsers users;
    private final Invitations invitations;
    private final ProgramCatalog programs;
    private final ApplicationForms applications;
    private final MessageSource messages;

    PartnerConsolePages(Partners partners, PartnerLifecycle lifecycle, Credentials credentials,
                        Specializations specializations, PortalUsers users, Invitations invitations,
                        ProgramCatalog programs, ApplicationForms applications, MessageSource messages) {
        this.messages = messages;
        this.partners = partners;
        this.lifecycle = lifecycle;
        this.credentials = credentials;
        this.specializations = specializations;
        this.users = users;
        this.invitations = invitations;
        this.programs = programs;
        this.applications = applications;
    }

    @GetMapping("/console/partners")
    String list(@ModelAttribute("me") SignedIn me, @RequestParam(required = false) String programId,
                @RequestParam(required = false) String model, @RequestParam(required = false) String status,
                @RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page,
                Model view) {
        operatorOnly(me);
        int current = Math.max(1, page);
        // one more than a page tells whether a next page exists
        List<Partner> found = partners.list(me.caller(), new Partners.Filter(blankToNull(programId),
                parse(PartnerModel.class, model), null, parse(PartnerStatus.class, status), blankToNull(q),
                PER_PAGE + 1, (current - 1) * PER_PAGE));
        view.addAttribute("partners", found.subList(0, Math.min(PER_PAGE, found.size())));
        view.addAttribute("page", current);
        view.addAttribute("hasNext", found.size() > PER_PAGE);
        view.addAttribute("programs", programs.all());
        view.addAttribute("models", PartnerModel.values());
        view.addAttribute("statuses", PartnerStatus.values());
        return "console-partners";
    }

    /**
     * A new application: the program is chosen first (a form of its own, so it works without
     * JavaScript), then the application lists only that program's models, with the defaults the
     * server would use for what is left out.
     */
    @GetMapping("/console/partners/new")
    String application(@ModelAttribute("me") SignedIn me, @RequestParam(required = false) String programId,
                       Model model) {
        operatorOnly(me);
        return applicationPage(model, applications.blank(blankToNull(programId)));
    }

    /** Files an application; eligibility refusals and bad values show next to their fields. */
    @PostMapping("/console/partners/new")
    String apply(@ModelAttribute("me") SignedIn me, @ModelAttribute ApplicationForms.Form form, Model model) {
        operatorOnly(me);
        FormErrors errors = new FormErrors();
        NewPartner application = applications.read(form, errors);
        if (errors.isEmpty()) {
            try {
                Partner admitted = partners.register(me.caller(), application.application());
                return "redirect:/console/partners/" + admitted.id() + "?admitted";
            } catch (NotEligible e) {
                for (var refusal : e.refusals()) {
                    errors.field(refusal.field(), refusal.reason());
                }
            } catch (ProblemException e) {
                errors = FormErrors.of(e, ApplicationForms.FIELDS);
            }
        }
        errors.into(model, "application");
        return applicationPage(model, form);
    }

    private String applicationPage(Model model, ApplicationForms.Form form) {
        Program chosen = form.programId() == null ? null : programs.find(form.programId().strip()).orElse(null);
        model.addAttribute("form", form);
        model.addAttribute("programs", programs.all());
        model.addAttribute("chosenProgram", chosen);
        model.addAttribute("models", chosen == null ? List.of() : applications.modelsOf(chosen, form));
        model.addAttribute("legalForms", LegalForm.values());
        return "console-partner-new";
    }

    @GetMapping("/console/partners/{id}")
    String partner(@ModelAttribute("me") SignedIn me, @PathVariable long id, Model model) {
        operatorOnly(me);
        model.addAttribute("partner", partners.find(me.caller(), id));
        model.addAttribute("standing", lifecycle.standing(me.caller(), id, LocaleContextHolder.getLocale()));
        model.addAttribute("exitNotice", lifecycle.exitNotice(me.caller(), id).orElse(null));
        model.addAttribute("examPasses", lifecycle.examPasses(me.caller(), id));
        model.addAttribute("certifications", credentials.certifications(me.caller(), id, null));
        model.addAttribute("specializations", specializations.of(me.caller(), id));
        model.addAttribute("users", users.ofPartner(me.caller(), id));
        model.addAttribute("invitations", invitations.pending(me.caller(), id));
        model.addAttribute("inviteAction", "/console/partners/" + id + "/invitations");
        return "console-partner";
    }

    @PostMapping("/console/partners/{id}/exit-notice")
    String exitNotice(@ModelAttribute("me") SignedIn me, @PathVariable long id, @RequestParam String exitDate,
                      @RequestParam(required = false) String reason, Model model, RedirectAttributes redirect) {
        operatorOnly(me);
        try {
            PartnerLifecycle.ExitNotice notice = lifecycle.giveExitNotice(me.caller(), id, date(exitDate), reason);
            redirect.addAttribute("exitNoticed", notice.exitDate().toString());
            return "redirect:/console/partners/" + id;
        } catch (DateTimeParseException e) {
            new FormErrors().field("exitDate", words("partners.refused.date")).into(model, "exit");
        } catch (ProblemException e) {
            FormErrors.of(e, messages, LocaleContextHolder.getLocale(), "exitDate", "reason").into(model, "exit");
        }
        model.addAttribute("exitForm", new ExitForm(exitDate, reason));
        return partner(me, id, model);
    }

    /** Revokes partner status; the checkbox makes the operator confirm an act that cannot be undone. */
    @PostMapping("/console/partners/{id}/revocation")
    String revoke(@ModelAttribute("me") SignedIn me, @PathVariable long id, @RequestParam String reason,
                  @RequestParam(required = false) String revokedOn, @RequestParam(required = false) String confirmed,
                  Model model, RedirectAttributes redirect) {
        operatorOnly(me);
        FormErrors errors = new FormErrors();
        if (reason.isBlank()) {
            errors.field("reason", words("partners.refused.reasonBlank"));
        }
        if (confirmed == null) {
            errors.field("confirmed", words("partners.page.revokeConfirmMissing"));
        }
        try {
            LocalDate on = revokedOn == null || revokedOn.isBlank() ? null : date(revokedOn);
            if (errors.isEmpty()) {
                Partner revoked = lifecycle.revoke(me.caller(), id, reason, on);
                redirect.addAttribute("revoked", revoked.revokedOn().toString());
                return "redirect:/console/partners/" + id;
            }
        } catch (DateTimeParseException e) {
            errors.field("revokedOn", words("partners.refused.date"));
        } catch (ProblemException e) {
            errors = FormErrors.of(e, messages, LocaleContextHolder.getLocale(), "reason", "revokedOn");
        }
        errors.into(model, "revoke");
        model.addAttribute("revokeForm", new RevokeForm(reason, revokedOn));
        return partner(me, id, model);
    }

    /** A refusal's words in the reader's language. */
    private String words(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    @PostMapping("/console/partners/{id}/users")
    String createUser(@ModelAttribute("me") SignedIn me, @PathVariable long id, @RequestParam String email,
                      @RequestParam String displayName, @RequestParam String role, @RequestParam String password,
                      Model model, RedirectAttributes redirect) {
        operatorOnly(me);
        try {
            PortalUsers.PortalUser user = users.create(me.caller(), new PortalUsers.NewUser(email, displayName, id,
                    parse(PortalUsers.Role.class, role), password));
            redirect.addAttribute("userCreated", user.email());
            return "redirect:/console/partners/" + id;
        } catch (ProblemException e) {
            FormErrors errors = FormErrors.of(e, "email", "displayName", "role", "password");
            if (e.status().value() == 409) {
                errors = new FormErrors().field("email", e.getMessage());
            }
            errors.into(model, "user");
            // a refused password is explained in the reader's language, like the invitation's
            PortalUsers.problemWith(password).ifPresent(problem -> {
                model.addAttribute("userPasswordProblem", PasswordPages.messageOf(problem));
                model.addAttribute("minPassword", PortalUsers.MIN_PASSWORD);
                model.addAttribute("maxPasswordBytes", PortalUsers.MAX_PASSWORD_BYTES);
            });
        }
        model.addAttribute("userForm", new UserPages.PersonForm(email, displayName, role));
        return partner(me, id, model);
    }

    /** Invites a person to the partner's portal; like the partner's ADMIN, the operator is shown the link. */
    @PostMapping("/console/partners/{id}/invitations")
    String invite(@ModelAttribute("me") SignedIn me, @PathVariable long id, @RequestParam String email,
                  @RequestParam String displayName, @RequestParam String role, HttpServletRequest request,
                  Model model) {
        operatorOnly(me);
        try {
            Invitations.Issued issued = invitations.invite(me.caller(), id, email, displayName, role);
            model.addAttribute("invited", issued.invitation());
            model.addAttribute("invitationLink", UserPages.link(request, issued));
        } catch (ProblemException e) {
            FormErrors.of(e, "email", "displayName", "role").into(model, "invite");
            model.addAttribute("invite", new UserPages.PersonForm(email, displayName, role));
        }
        return partner(me, id, model);
    }

    record ExitForm(String exitDate, String reason) {
    }

    record RevokeForm(String reason, String revokedOn) {
    }

    private static LocalDate date(String text) {
        return PeriodInput.parseDate(text.strip());
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The partner pages of the console are the provider's: anyone else gets the not-found page. */
    private static void operatorOnly(SignedIn me) {
        if (!me.operator()) {
            throw new NotFound("page", "/console/partners");
        }
    }
}
