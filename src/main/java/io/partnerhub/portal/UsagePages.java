package io.partnerhub.portal;

import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.PeriodInput;
import io.partnerhub.shared.PeriodOutOfRange;
import io.partnerhub.shared.Today;
import io.partnerhub.usage.ImportMode;
import io.partnerhub.usage.ImportResult;
import io.partnerhub.usage.UsageFormat;
import io.partnerhub.usage.ServiceConsumption;
import io.partnerhub.usage.UsageImports;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.time.YearMonth;

/**
 * The console's usage: upload a billing export, see what was stored or every bad line; and a
 * month's consumption that no partner claims (accounts of no customer and no partner).
 */
@Controller
@PortalPage
class UsagePages {

    private final UsageImports imports;
    private final ServiceConsumption consumption;
    private final Today today;
    private final PeriodInput periods;

    UsagePages(UsageImports imports, ServiceConsumption consumption, Today today, PeriodInput periods) {
        this.periods = periods;
        this.imports = imports;
        this.consumption = consumption;
        this.today = today;
    }

    /** {@code month} chooses the unattributed month; by default the latest with consumption. */
    @GetMapping("/console/usage")
    String form(@ModelAttribute("me") SignedIn me, @RequestParam(required = false) String month, Model model) {
        operatorOnly(me);
        unattributed(month, model);
        return "usage";
    }

    /**
     * Imports the file exactly as the API does: all of it, or nothing and the reasons line by line.
     * A post without a file (not even a multipart one) shows the form with the file refused, where
     * a required file would have been a 500 before the page could say who may post here.
     */
    @PostMapping("/console/usage")
    String upload(@ModelAttribute("me") SignedIn me, @RequestParam(name = "format", required = false) String format,
                  @RequestParam(name = "mode", required = false) String mode,
                  @RequestParam(name = "file", required = false) MultipartFile file, Model model) throws IOException {
        operatorOnly(me);
        UsageFormat chosen = "yandex-detail".equals(format) ? UsageFormat.YANDEX_DETAIL : UsageFormat.FOCUS;
        ImportMode importMode = mode == null ? ImportMode.ADD : ImportMode.byId(mode).orElse(ImportMode.ADD);
        model.addAttribute("format", format);
        model.addAttribute("mode", importMode.id());
        if (file == null || file.isEmpty()) {
            model.addAttribute("fileError", true);
            unattributed(null, model);
            return "usage";
        }
        ImportResult result;
        try (InputStream in = file.getInputStream()) {
            result = imports.importFile(me.caller().name(), chosen, importMode, in, file.getOriginalFilename());
        }
        model.addAttribute("fileName", file.getOriginalFilename());
        unattributed(null, model);
        switch (result) {
            case ImportResult.Accepted accepted -> model.addAttribute("accepted", accepted);
            case ImportResult.Duplicate duplicate -> model.addAttribute("duplicate", duplicate);
            case ImportResult.Rejected rejected -> model.addAttribute("rejected", rejected);
        }
        return "usage";
    }

    /** The chosen month's unattributed consumption, or the month refused next to its field. */
    private void unattributed(String month, Model model) {
        YearMonth chosen;
        if (month == null || month.isBlank()) {
            chosen = consumption.latestMonth().orElse(YearMonth.from(today.date()));
        } else {
            try {
                chosen = periods.period("month", month);
            } catch (PeriodOutOfRange e) {
                model.addAttribute("month", month);
                model.addAttribute("monthError", true);
                return;
            }
        }
        model.addAttribute("month", chosen.toString());
        model.addAttribute("unattributed", UnattributedConsumption.of(consumption.unattributed(chosen)));
    }

    private static void operatorOnly(SignedIn me) {
        if (!me.operator()) {
            throw new NotFound("page", "/console/usage");
        }
    }
}
