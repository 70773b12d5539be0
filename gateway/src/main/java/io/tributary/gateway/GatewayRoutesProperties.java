package io.tributary.gateway;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the gateway sends requests ({@code TRIBUTARY_GATEWAY_API_URL},
 * {@code TRIBUTARY_GATEWAY_UI_URL}). The gateway's own port is {@code tributary.gateway.port}
 * (default 5115), read by {@code gateway.properties}.
 *
 * @param apiUrl the pipeline service, which serves {@code /api/**}
 * @param uiUrl the web UI, which serves everything else
 */
@ConfigurationProperties("tributary.gateway")
public record GatewayRoutesProperties(
        @DefaultValue("http://localhost:8001") URI apiUrl,
        @DefaultValue("http://localhost:8005") URI uiUrl) {
    public GatewayRoutesProperties {
        requireNonNull(apiUrl, "apiUrl is null");
        requireNonNull(uiUrl, "uiUrl is null");
        requireHttp(apiUrl, "tributary.gateway.api-url");
        requireHttp(uiUrl, "tributary.gateway.ui-url");
    }

    private static void requireHttp(URI uri, String property) {
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(property + " must be an http(s) URL with a host, got " + uri);
        }
    }
}
