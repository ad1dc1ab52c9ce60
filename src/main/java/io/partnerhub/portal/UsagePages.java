package io.partnerhub.portal;

import io.partnerhub.shared.NotFound;
import io.partnerhub.usage.ImportResult;
import io.partnerhub.usage.UsageFormat;
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

/** The console's usage import: upload a billing export, see what was stored or every bad line. */
@Controller
@PortalPage
class UsagePages {

    private final UsageImports imports;

    UsagePages(UsageImports imports) {
        this.imports = imports;
    }

    @GetMapping("/console/usage")
    String form(@ModelAttribute("me") SignedIn me) {
        operatorOnly(me);
        return "usage";
    }

    /** Imports the file exactly as the API does: all of it, or nothing and the reasons line by line. */
    @PostMapping("/console/usage")
    String upload(@ModelAttribute("me") SignedIn me, @RequestParam("format") String format,
                  @RequestParam("file") MultipartFile file, Model model) throws IOException {
        operatorOnly(me);
        UsageFormat chosen = "yandex-detail".equals(format) ? UsageFormat.YANDEX_DETAIL : UsageFormat.FOCUS;
        model.addAttribute("format", format);
        if (file.isEmpty()) {
            model.addAttribute("fileError", true);
            return "usage";
        }
        ImportResult result;
        try (InputStream in = file.getInputStream()) {
            result = imports.importFile(me.caller().name(), chosen, in, file.getOriginalFilename());
        }
        model.addAttribute("fileName", file.getOriginalFilename());
        switch (result) {
            case ImportResult.Accepted accepted -> model.addAttribute("accepted", accepted);
            case ImportResult.Duplicate duplicate -> model.addAttribute("duplicate", duplicate);
            case ImportResult.Rejected rejected -> model.addAttribute("rejected", rejected);
        }
        return "usage";
    }

    private static void operatorOnly(SignedIn me) {
        if (!me.operator()) {
            throw new NotFound("page", "/console/usage");
        }
    }
}
