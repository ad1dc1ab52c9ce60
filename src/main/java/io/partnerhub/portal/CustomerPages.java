package io.partnerhub.portal;

import io.partnerhub.customer.Customer;
import io.partnerhub.customer.Customers;
import io.partnerhub.customer.Link;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.settlement.CustomerListCost;
import io.partnerhub.settlement.Statements;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.Today;
import io.partnerhub.usage.ServiceConsumption;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;

/** One of a partner's customers: its links to the partner and its consumption per service and month. */
@Controller
@PortalPage
class CustomerPages {

    /** Closed months shown next to the open one. */
    private static final int CLOSED_MONTHS = 6;

    private final Partners partners;
    private final Customers customers;
    private final Statements statements;
    private final CustomerListCost listCost;
    private final ServiceConsumption consumption;
    private final ProgramCatalog programs;
    private final Today today;

    CustomerPages(Partners partners, Customers customers, Statements statements, CustomerListCost listCost,
                  ServiceConsumption consumption, ProgramCatalog programs, Today today) {
        this.partners = partners;
        this.customers = customers;
        this.statements = statements;
        this.listCost = listCost;
        this.consumption = consumption;
        this.programs = programs;
        this.today = today;
    }

    @GetMapping("/portal/partners/{id}/customers/{customerId}")
    String customer(@ModelAttribute("me") SignedIn me, @PathVariable long id, @PathVariable long customerId,
                    Model model) {
        Partner partner = partners.find(me.caller(), id);
        Customer customer = customers.find(me.caller(), customerId);
        List<Link> links = customer.links().stream().filter(l -> l.partnerId() == id)
                .sorted(Comparator.comparing(Link::from)).toList();
        if (links.isEmpty()) {
            throw new NotFound("customer of partner " + id, customerId);
        }
        LocalDate day = today.date();
        List<YearMonth> closed = statements.list(me.caller(), id).stream()
                .map(s -> YearMonth.parse(s.period())).toList();
        YearMonth lastClosed = closed.isEmpty() ? null : closed.getLast();
        YearMonth from = closed.size() > CLOSED_MONTHS ? closed.get(closed.size() - CLOSED_MONTHS)
                : closed.isEmpty() ? YearMonth.from(day) : closed.getFirst();
        String currency = programs.find(partner.programId()).map(Program::currency).orElse("");
        model.addAttribute("partner", partner);
        model.addAttribute("customer", customer);
        model.addAttribute("links", links);
        model.addAttribute("active", links.stream().anyMatch(l -> l.covers(day)));
        model.addAttribute("today", day);
        model.addAttribute("currency", currency);
        model.addAttribute("consumption", CustomerConsumption.of(links, closed,
                listCost.byMonth(me.caller(), id, customerId, from), CLOSED_MONTHS, lastClosed, day,
                consumption.ofAccount(customer.accountId(), from), currency));
        return "customer";
    }
}
