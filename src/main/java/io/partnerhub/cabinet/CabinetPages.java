package io.partnerhub.cabinet;

import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.ProblemException;
import io.partnerhub.shared.Today;
import io.partnerhub.whitelabel.CustomerAccounts;
import io.partnerhub.whitelabel.CustomerInvoices;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The cabinet's pages. Every page takes its customer from the signed-in person, never from the
 * address, and reads the invoices and the account only after checking that the person belongs
 * to the partner in the address (another partner's cabinet answers 404). What a page shows is
 * the customer's own prices, invoices, payments and balance: never a list price, a discount, a
 * markup or the partner's terms.
 */
@Controller
class CabinetPages {

    private static final String DEFAULT_CURRENCY = "RUB";
    private static final int LATEST = 3;

    private final CabinetBrand brands;
    private final CabinetUsers users;
    private final CabinetSignIn signIn;
    private final CabinetInvitations invitations;
    private final CustomerInvoices invoices;
    private final CustomerAccounts accounts;
    private final Today today;
    private final Duration lifetime;
    private final HttpSessionSecurityContextRepository contexts = CabinetSecurity.contexts();

    CabinetPages(CabinetBrand brands, CabinetUsers users, CabinetSignIn signIn, CabinetInvitations invitations,
                 CustomerInvoices invoices, CustomerAccounts accounts, Today today,
                 @Value("${partnerhub.session.lifetime:8h}") Duration lifetime) {
        this.brands = brands;
        this.users = users;
        this.signIn = signIn;
        this.invitations = invitations;
        this.invoices = invoices;
        this.accounts = accounts;
        this.today = today;
        this.lifetime = lifetime;
    }

    // ---- the brand, signing in and out, invitations

    /** The brand's colours as CSS variables (the pages allow no inline style). */
    @GetMapping(value = "/cabinet/{partnerId}/brand.css")
    ResponseEntity<String> brandCss(@PathVariable long partnerId) {
        CabinetBrand.Look look = look(partnerId);
        String css = look.primaryColor() == null ? "/* the portal's own look */\n" : """
                :root {
                  --cabinet-brand: %1$s;
                  --cabinet-on-brand: %2$s;
                  --pico-primary-background: %1$s;
                  --pico-primary-border: %1$s;
                  --pico-primary-hover-background: %1$s;
                  --pico-primary-inverse: %2$s;
                }
                """.formatted(look.primaryColor(), look.onPrimary());
        return ResponseEntity.ok().contentType(new MediaType("text", "css", java.nio.charset.StandardCharsets.UTF_8))
                .body(css);
    }

    @GetMapping("/cabinet/{partnerId}/login")
    String loginForm(@PathVariable long partnerId, Model model) {
        model.addAttribute("look", look(partnerId));
        return "cabinet/login";
    }

    @PostMapping("/cabinet/{partnerId}/login")
    String login(@PathVariable long partnerId, @RequestParam(defaultValue = "") String email,
                 @RequestParam(defaultValue = "") String password, HttpServletRequest request,
                 HttpServletResponse response) {
        look(partnerId);
        String base = "redirect:/cabinet/" + partnerId;
        return switch (signIn.signIn(partnerId, email, password, request.getRemoteAddr())) {
            case CabinetSignIn.Outcome.In in -> {
                request.getSession(true);
                request.changeSessionId();
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(in.who(), null,
                        AuthorityUtils.createAuthorityList("ROLE_CABINET")));
                SecurityContextHolder.setContext(context);
                contexts.saveContext(context, request, response);
                yield base + "/";
            }
            case CabinetSignIn.Outcome.Throttled throttled -> base + "/login?throttled=" + throttled.minutes();
            case CabinetSignIn.Outcome.Refused refused -> base + "/login?error";
        };
    }

    /** Ends the cabinet's sign-in; a portal sign-in in the same browser, if any, stays. */
    @PostMapping("/cabinet/{partnerId}/logout")
    String logout(@PathVariable long partnerId, HttpServletRequest request) {
        signOut(request);
        return "redirect:/cabinet/" + partnerId + "/login?signedOut";
    }

    @GetMapping("/cabinet/{partnerId}/invitations/{token}")
    String invitation(@PathVariable long partnerId, @PathVariable String token, Model model,
                      HttpServletResponse response) {
        model.addAttribute("look", look(partnerId));
        try {
            model.addAttribute("invitation", invitations.open(partnerId, token));
        } catch (CabinetInvitations.Gone gone) {
            response.setStatus(410);
            model.addAttribute("gone", gone.why.name());
        }
        model.addAttribute("token", token);
        model.addAttribute("minPassword", io.partnerhub.portal.PortalUsers.MIN_PASSWORD);
        return "cabinet/invitation";
    }

    @PostMapping("/cabinet/{partnerId}/invitations/{token}")
    String accept(@PathVariable long partnerId, @PathVariable String token, @RequestParam(defaultValue = "") String password,
                  @RequestParam(defaultValue = "") String repeated, Model model, HttpServletResponse response) {
        look(partnerId);
        try {
            if (password.equals(repeated)) {
                invitations.accept(partnerId, token, password);
                return "redirect:/cabinet/" + partnerId + "/login?invited";
            }
            model.addAttribute("passwordError", "repeated");
        } catch (CabinetInvitations.Gone gone) {
            // shown by the page below
        } catch (ProblemException refused) {
            if (refused instanceof NotFound) {
                throw refused;
            }
            model.addAttribute("passwordError", io.partnerhub.portal.PortalUsers.problemWith(password)
                    .map(p -> p.name().toLowerCase(java.util.Locale.ROOT)).orElse("too_short"));
        }
        String page = invitation(partnerId, token, model, response);
        if (response.getStatus() != 410) {
            response.setStatus(422);
        }
        return page;
    }

    // ---- what the customer reads

    @GetMapping("/cabinet/{partnerId}/")
    String overview(@PathVariable long partnerId, HttpServletRequest request, Model model) {
        CabinetPrincipal me = page(partnerId, request, model);
        CustomerAccounts.Account account = accounts.account(partnerId, me.customerId());
        model.addAttribute("account", account);
        model.addAttribute("latest", account.invoices().stream().limit(LATEST).toList());
        model.addAttribute("currency", currency(invoices.ofCustomer(partnerId, me.customerId())));
        return "cabinet/overview";
    }

    @GetMapping("/cabinet/{partnerId}/consumption")
    String consumption(@PathVariable long partnerId, HttpServletRequest request, Model model) {
        CabinetPrincipal me = page(partnerId, request, model);
        model.addAttribute("months", invoices.ofCustomer(partnerId, me.customerId()));
        return "cabinet/consumption";
    }

    @GetMapping("/cabinet/{partnerId}/invoices")
    String invoiceList(@PathVariable long partnerId, HttpServletRequest request, Model model) {
        CabinetPrincipal me = page(partnerId, request, model);
        CustomerAccounts.Account account = accounts.account(partnerId, me.customerId());
        model.addAttribute("account", account);
        model.addAttribute("invoices", account.invoices());
        model.addAttribute("currency", currency(invoices.ofCustomer(partnerId, me.customerId())));
        return "cabinet/invoices";
    }

    @GetMapping("/cabinet/{partnerId}/invoices/{period}")
    String invoice(@PathVariable long partnerId, @PathVariable String period, HttpServletRequest request, Model model) {
        CabinetPrincipal me = page(partnerId, request, model);
        String month = month(period);
        CustomerInvoices.Invoice invoice = invoices.ofCustomer(partnerId, me.customerId()).stream()
                .filter(i -> i.period().equals(month)).findFirst()
                .orElseThrow(() -> new NotFound("invoice for", period));
        Map<Integer, CustomerAccounts.InvoiceStatus> statuses = accounts.account(partnerId, me.customerId()).invoices()
                .stream().collect(Collectors.toMap(CustomerAccounts.InvoiceStatus::number, Function.identity()));
        model.addAttribute("invoice", invoice);
        model.addAttribute("status", statuses.get(invoice.number()));
        return "cabinet/invoice";
    }

    // ---- who is signed in

    /**
     * The signed-in person, for a page of {@code partnerId}: another partner's cabinet is 404; a
     * person disabled since, or signed in longer than a session lives, is signed out.
     */
    private CabinetPrincipal page(long partnerId, HttpServletRequest request, Model model) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth != null && auth.getPrincipal() instanceof CabinetPrincipal me)) {
            throw new SignedOut(partnerId);
        }
        if (me.partnerId() != partnerId) {
            throw new NotFound("page", request.getRequestURI());
        }
        if (!today.now().isBefore(me.signedInAt().plus(lifetime)) || users.active(me.userId()).isEmpty()) {
            signOut(request);
            throw new SignedOut(partnerId);
        }
        model.addAttribute("look", look(partnerId));
        model.addAttribute("me", me);
        return me;
    }

    private static void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(CabinetSecurity.CONTEXT);
        }
        SecurityContextHolder.clearContext();
    }

    /** A cabinet session that ended: back to the partner's sign-in form. */
    static final class SignedOut extends RuntimeException {
        final long partnerId;

        SignedOut(long partnerId) {
            super(null, null, false, false);
            this.partnerId = partnerId;
        }
    }

    private CabinetBrand.Look look(long partnerId) {
        return brands.of(partnerId).orElseThrow(() -> new NotFound("cabinet of partner", partnerId));
    }

    private static String currency(List<CustomerInvoices.Invoice> invoices) {
        return invoices.isEmpty() ? DEFAULT_CURRENCY : invoices.getFirst().currency();
    }

    private static String month(String period) {
        try {
            return YearMonth.parse(period).toString();
        } catch (DateTimeParseException e) {
            throw new NotFound("invoice for", period);
        }
    }
}
