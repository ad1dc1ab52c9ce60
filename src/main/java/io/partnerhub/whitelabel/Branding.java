package io.partnerhub.whitelabel;

import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.PartnerModel;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.Refusals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A white-label partner's brand (VK Cloud White Label: "customize the client interface and
 * documentation under their brand"): the name, colour, logo, support contacts and documentation
 * link its customer cabinet, its customers' invoices and e-mails show. The logo is a PNG or an SVG
 * data URI of at most 256 KB; an SVG that could run script is refused.
 */
@Component
public class Branding {

    static final int LOGO_BYTES = 256 * 1024;
    private static final Pattern DATA_URI = Pattern.compile("data:image/(png|svg\\+xml);base64,([A-Za-z0-9+/=\\s]+)");
    private static final Pattern ACTIVE_SVG = Pattern.compile(
            "<\\s*script|<\\s*foreignobject|javascript:|\\bon[a-z]+\\s*=|<\\s*iframe|<\\s*embed|<\\s*object|xlink:href\\s*=\\s*[\"'](?!#)|\\bhref\\s*=\\s*[\"'](?!#)",
            Pattern.CASE_INSENSITIVE);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final JdbcClient jdbc;
    private final Partners partners;
    private final Refusals refusals;

    Branding(JdbcClient jdbc, Partners partners, Refusals refusals) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.refusals = refusals;
    }

    public record Brand(long partnerId, String displayName, String primaryColor, String logo, String supportEmail,
                        String supportPhone, String docsUrl) {
    }

    @Transactional
    public Brand set(Caller caller, long partnerId, Brand brand) {
        Partner partner = partners.find(caller, partnerId);
        partner.refuseNewClaimsIfGone("branding");
        if (partner.model() != PartnerModel.WHITE_LABEL) {
            throw refusals.violation("partnerId", "branding.whiteLabelOnly", partner.model());
        }
        if (brand.logo() != null) {
            refuseUnsafeLogo(brand.logo());
        }
        if (brand.docsUrl() != null && !brand.docsUrl().toLowerCase(Locale.ROOT).startsWith("https://")) {
            throw refusals.violation("docsUrl", "branding.httpsOnly");
        }
        jdbc.sql("""
                        insert into partner_branding (partner_id, display_name, primary_color, logo, support_email,
                                                      support_phone, docs_url, updated_by)
                        values (:partner, :name, :color, :logo, :email, :phone, :docs, :by)
                        on conflict (partner_id) do update set display_name = :name, primary_color = :color, logo = :logo,
                            support_email = :email, support_phone = :phone, docs_url = :docs, updated_by = :by,
                            updated_at = now()""")
                .param("partner", partnerId).param("name", brand.displayName().strip())
                .param("color", brand.primaryColor().toLowerCase(Locale.ROOT)).param("logo", brand.logo())
                .param("email", brand.supportEmail()).param("phone", brand.supportPhone()).param("docs", brand.docsUrl())
                .param("by", caller.name()).update();
        return of(partnerId).orElseThrow();
    }

    /** A PNG (by its signature) or an SVG without script, at most 256 KB decoded. */
    private void refuseUnsafeLogo(String logo) {
        var m = DATA_URI.matcher(logo.strip());
        if (!m.matches()) {
            throw refusals.violation("logo", "branding.logoDataUri");
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException notBase64) {
            throw refusals.violation("logo", "branding.logoDataUri");
        }
        if (bytes.length > LOGO_BYTES) {
            throw refusals.violation("logo", "branding.logoTooLarge", bytes.length, LOGO_BYTES);
        }
        if (m.group(1).equals("png")) {
            if (bytes.length < PNG.length || !java.util.Arrays.equals(java.util.Arrays.copyOf(bytes, PNG.length), PNG)) {
                throw refusals.violation("logo", "branding.notPng");
            }
        } else {
            String svg = new String(bytes, StandardCharsets.UTF_8);
            if (!svg.contains("<svg") || ACTIVE_SVG.matcher(svg).find()) {
                throw refusals.violation("logo", "branding.svgActive");
            }
        }
    }

    /** The partner's brand, if it set one (for its cabinet, documents and e-mails: no caller check). */
    public Optional<Brand> of(long partnerId) {
        return jdbc.sql("select * from partner_branding where partner_id = :partner").param("partner", partnerId)
                .query((rs, i) -> new Brand(partnerId, rs.getString("display_name"), rs.getString("primary_color"),
                        rs.getString("logo"), rs.getString("support_email"), rs.getString("support_phone"),
                        rs.getString("docs_url"))).optional();
    }

    public Brand of(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return of(partnerId).orElseThrow(() -> new NotFound("branding of partner", partnerId));
    }
}
