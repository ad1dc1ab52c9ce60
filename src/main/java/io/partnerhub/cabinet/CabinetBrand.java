package io.partnerhub.cabinet;

import io.partnerhub.whitelabel.Branding;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * What the cabinet of a partner wears: the partner's brand where it set one, else its name and
 * the portal's own look. The text on the brand's colour is white or black, whichever reads better
 * (WCAG relative luminance), so any colour a partner picks stays legible.
 */
@Component
class CabinetBrand {

    private final Branding branding;
    private final JdbcClient jdbc;

    CabinetBrand(Branding branding, JdbcClient jdbc) {
        this.branding = branding;
        this.jdbc = jdbc;
    }

    /**
     * @param primaryColor the brand's colour as {@code #rrggbb}, null without a brand
     * @param logo         a data URI checked safe when the brand was set, or null
     */
    record Look(long partnerId, String displayName, String primaryColor, String logo, String supportEmail,
                String supportPhone, String docsUrl) {

        /** The text colour on {@link #primaryColor}. */
        String onPrimary() {
            if (primaryColor == null) {
                return "#ffffff";
            }
            double l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
            // contrast with white (1.05 / (l + 0.05)) against contrast with black ((l + 0.05) / 0.05)
            return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? "#ffffff" : "#000000";
        }

        private double channel(int at) {
            double c = Integer.parseInt(primaryColor.substring(at, at + 2), 16) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
    }

    /** The look of the partner's cabinet; empty for no such partner. */
    Optional<Look> of(long partnerId) {
        Optional<Branding.Brand> brand = branding.of(partnerId);
        if (brand.isPresent()) {
            Branding.Brand b = brand.get();
            return Optional.of(new Look(partnerId, b.displayName(), b.primaryColor(), b.logo(), b.supportEmail(),
                    b.supportPhone(), b.docsUrl()));
        }
        return jdbc.sql("select name from partner_name_view where partner_id = :partner").param("partner", partnerId)
                .query(String.class).optional()
                .map(name -> new Look(partnerId, name, null, null, null, null, null));
    }
}
