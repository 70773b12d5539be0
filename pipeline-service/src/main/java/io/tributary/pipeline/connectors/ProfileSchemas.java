package io.tributary.pipeline.connectors;

import io.tributary.api.client.ApiJson;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schemas of connection profiles, for the connectors that connect to a system. Profile
 * fields are typed JSON (not SQL option strings). Secret fields say {@code "sensitive": true}.
 * Each connector names the field holding the system's address, which {@code test} tries to reach.
 */
public final class ProfileSchemas {
    /** A connector's profile: its schema, and where in a config the address is and its default port. */
    public record ProfileSpec(String connector, ObjectNode schema, String addressField, int defaultPort) {}

    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token).*");

    /** The user name and password most of these systems take; the password is a secret. */
    private static final String USER_AND_PASSWORD = """
            "username": {"type": "string"},
            "password": {"type": "string", "sensitive": true}""";

    private static final Map<String, ProfileSpec> SPECS = Map.of(
            "kafka", spec("kafka", "Kafka", "bootstrap_servers", "host:port of the brokers, comma-separated", 9092, """
                    "security_protocol": {"type": "string", "enum": ["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]},
                    "sasl_mechanism": {"type": "string", "enum": ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"]},
                    "sasl_username": {"type": "string"},
                    "sasl_password": {"type": "string", "sensitive": true},
                    "schema_registry_url": {"type": "string"}"""),
            "nats", spec("nats", "NATS", "servers", "nats://host:port, comma-separated", 4222, USER_AND_PASSWORD, """
                    "token": {"type": "string", "sensitive": true}"""),
            "mqtt", spec("mqtt", "MQTT", "url", "tcp://host:port or ssl://host:port", 1883, """
                    "client_prefix": {"type": "string"}""", USER_AND_PASSWORD),
            "rabbitmq", spec("rabbitmq", "RabbitMQ", "host", "host or host:port of the broker", 5672, """
                    "virtual_host": {"type": "string"}""", USER_AND_PASSWORD),
            "redis", spec("redis", "Redis", "address", "redis://host:port", 6379, USER_AND_PASSWORD, """
                    "database": {"type": "integer", "minimum": 0}"""));

    private ProfileSchemas() {}

    public static Optional<ProfileSpec> lookup(String connector) {
        return Optional.ofNullable(SPECS.get(connector));
    }

    public static Set<String> connectors() {
        return SPECS.keySet();
    }

    /** Fields whose values are secrets: marked sensitive, a password format, or named like a secret. */
    public static boolean isSecret(ObjectNode schema, String field) {
        JsonNode property = schema.path("properties").path(field);
        return property.path("sensitive").asBoolean(false) || "password".equals(property.path("format").asString(""))
                || SECRET_NAME.matcher(field).matches();
    }

    /**
     * A profile schema: an object whose required string field holds the system's address, then
     * the {@code properties} (runs of JSON object members), in order.
     */
    private static ProfileSpec spec(String connector, String title, String addressField, String addressDescription,
            int defaultPort, String... properties) {
        ObjectNode node = (ObjectNode) ApiJson.mapper().readTree("""
                {"title": %s, "type": "object", "additionalProperties": false, "required": [%s],
                 "properties": {%s: {"type": "string", "description": %s}, %s}}"""
                .formatted(quoted(title), quoted(addressField), quoted(addressField), quoted(addressDescription),
                        String.join(", ", properties)));
        node.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        return new ProfileSpec(connector, node, addressField, defaultPort);
    }

    private static String quoted(String text) {
        return ApiJson.mapper().writeValueAsString(text);
    }
}
