package io.tributary.pipeline.connectors;

import io.tributary.sql.catalog.Connectors;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A connection profile's settings (typed JSON, secrets in clear) as the table options of its
 * connector, which the planner adds to the options of each table using the profile. A Kafka
 * profile's {@code security_protocol}, {@code sasl_*} and {@code schema_registry_url} become
 * Arroyo's {@code auth.*}, {@code client_configs} and {@code schema_registry.endpoint}; other
 * connectors' profile fields that are table options of the connector are passed as they are.
 */
final class ProfileTableOptions {
    private ProfileTableOptions() {}

    static Map<String, String> of(String connector, JsonNode config) {
        return connector.equals("kafka") ? kafka(config) : sameNamed(connector, config);
    }

    private static Map<String, String> kafka(JsonNode config) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("bootstrap_servers", config.path("bootstrap_servers").asString());
        String protocol = config.path("security_protocol").asString("PLAINTEXT").toUpperCase(Locale.ROOT);
        boolean sasl = protocol.startsWith("SASL") || config.has("sasl_mechanism") || config.has("sasl_username");
        if (sasl) {
            options.put("auth.type", "sasl");
            options.put("auth.protocol", protocol.startsWith("SASL") ? protocol : "SASL_PLAINTEXT");
            options.put("auth.mechanism", config.path("sasl_mechanism").asString("PLAIN"));
            options.put("auth.username", config.path("sasl_username").asString(""));
            options.put("auth.password", config.path("sasl_password").asString(""));
        } else if (protocol.equals("SSL")) {
            options.put("client_configs", "security.protocol=SSL");
        }
        if (config.has("schema_registry_url")) {
            options.put("schema_registry.endpoint", config.path("schema_registry_url").asString());
        }
        return options;
    }

    private static Map<String, String> sameNamed(String connector, JsonNode config) {
        Map<String, String> options = new LinkedHashMap<>();
        Connectors.lookup(connector).ifPresent(spec -> config.properties().forEach(field -> {
            if (spec.option(field.getKey()).isPresent() && field.getValue().isValueNode()) {
                options.put(field.getKey(), field.getValue().asString());
            }
        }));
        return options;
    }
}
