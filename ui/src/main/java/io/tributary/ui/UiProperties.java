package io.tributary.ui;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the UI reaches the API ({@code TRIBUTARY_UI_API_URL}, …). The UI's port is
 * {@code tributary.ui.port} (default 8005), read by {@code ui.properties}.
 *
 * @param apiUrl where {@code /api/v1} lives: the pipeline service, or the gateway
 * @param apiKey sent as a bearer token when not blank
 * @param refreshInterval how often the pipelines page reloads
 * @param previewRowLimit how many preview rows are kept; older rows are dropped first
 */
@ConfigurationProperties("tributary.ui")
public record UiProperties(
        @DefaultValue("http://localhost:8001") URI apiUrl,
        @DefaultValue("") String apiKey,
        @DefaultValue("1s") Duration refreshInterval,
        @DefaultValue("1000") int previewRowLimit) {
    public UiProperties {
        requireNonNull(apiUrl, "apiUrl is null");
        requireNonNull(apiKey, "apiKey is null");
        requireNonNull(refreshInterval, "refreshInterval is null");
        if (!("http".equals(apiUrl.getScheme()) || "https".equals(apiUrl.getScheme())) || apiUrl.getHost() == null) {
            throw new IllegalArgumentException("tributary.ui.api-url must be an http(s) URL with a host, got " + apiUrl);
        }
        if (refreshInterval.toMillis() < 100) {
            throw new IllegalArgumentException("tributary.ui.refresh-interval must be at least 100ms, got " + refreshInterval);
        }
        if (previewRowLimit < 1) {
            throw new IllegalArgumentException("tributary.ui.preview-row-limit must be positive, got " + previewRowLimit);
        }
    }

    public Optional<String> optionalApiKey() {
        return apiKey.isBlank() ? Optional.empty() : Optional.of(apiKey);
    }
}
