package io.partnerhub.shared;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much a request may hold ({@code partnerhub.limits.*}, docs/api.md "Limits").
 *
 * @param requestBody     any request body but a usage import's (JSON, forms): 1MB
 * @param importSize      a usage import's content, after gunzipping: 8GB (a month of 10 million rows is 3.8 GB)
 * @param importExpansion how many times larger than the gzip bytes read so far its content may grow once past
 *                        64MB: 200 (billing exports compress 5 to 20 times; a gzip bomb 1 000 times)
 */
@ConfigurationProperties(prefix = "partnerhub.limits")
public record InputLimits(@DefaultValue("1MB") DataSize requestBody, @DefaultValue("8GB") DataSize importSize,
                          @DefaultValue("200") int importExpansion) {

    /** No limits beyond the defaults, for tools that read files outside a request. */
    public static InputLimits defaults() {
        return new InputLimits(DataSize.ofMegabytes(1), DataSize.ofGigabytes(8), 200);
    }
}
