package io.partnerhub.deal;

import java.util.Locale;

/** A deal-desk refusal that can be read in another language than the API's English (the portal's). */
public interface WordedRefusal {

    /** The refusal in {@code locale}. */
    String in(Locale locale);
}
