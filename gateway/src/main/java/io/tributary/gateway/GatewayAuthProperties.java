package io.tributary.gateway;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tributary.gateway.auth.*}: API keys on {@code /api/**}. Off by default, so that
 * {@code tributary cluster} needs no setup.
 *
 * @param enabled whether requests to the API need {@code Authorization: Bearer <key>}
 * @param cacheTtl how long a key the pipeline service confirmed is trusted without asking again
 *     (a revoked key keeps working at most this long)
 */
@ConfigurationProperties("tributary.gateway.auth")
public record GatewayAuthProperties(@DefaultValue("false") boolean enabled, @DefaultValue("60s") Duration cacheTtl) {
    public GatewayAuthProperties {
        requireNonNull(cacheTtl, "cacheTtl is null");
    }
}
