package io.partnerhub.portal;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How long a portal session lasts ({@code partnerhub.session.*}).
 *
 * @param idleTimeout without a request for this long, the session ends (Spring Session's timeout)
 * @param lifetime    this long after signing in, the session ends however active it is
 */
@ConfigurationProperties(prefix = "partnerhub.session")
record SessionLimits(Duration idleTimeout, Duration lifetime) {

    SessionLimits {
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(30) : idleTimeout;
        lifetime = lifetime == null ? Duration.ofHours(8) : lifetime;
    }
}
