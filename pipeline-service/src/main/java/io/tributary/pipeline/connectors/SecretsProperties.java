package io.tributary.pipeline.connectors;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param key the AES-256 key for secrets in connection profiles, base64 ({@code TRIBUTARY_SECRETS_KEY})
 * @param keyFile where a generated key is kept when no key is configured ({@code pipeline.properties}
 *     puts it under {@code tributary.home})
 */
@ConfigurationProperties("tributary.secrets")
public record SecretsProperties(Optional<String> key, Path keyFile) {
    public SecretsProperties {
        key = key == null ? Optional.empty() : key.filter(value -> !value.isBlank());
        requireNonNull(keyFile, "tributary.secrets.key-file is not set");
    }
}
