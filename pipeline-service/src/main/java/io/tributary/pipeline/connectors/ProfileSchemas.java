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

    private static final Map<String, ProfileSpec> SPECS = Map.of(
            "kafka", spec("kafka", "bootstrap_servers", 9092, """
                    {"title": "Kafka", "type": "object", "additionalProperties": false,
                     "required": ["bootstrap_servers"],
                     "properties": {
                       "bootstrap_servers": {"type": "string", "description": "host:port of the brokers, comma-separated"},
                       "security_protocol": {"type": "string", "enum": ["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]},
                       "sasl_mechanism": {"type": "string", "enum": ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"]},
                       "sasl_username": {"type": "string"},
                       "sasl_password": {"type": "string", "sensitive": true},
                       "schema_registry_url": {"type": "string"}}}"""),
            "nats", spec("nats", "servers", 4222, """
                    {"title": "NATS", "type": "object", "additionalProperties": false, "required": ["servers"],
                     "properties": {
                       "servers": {"type": "string", "description": "nats://host:port, comma-separated"},
                       "username": {"type": "string"},
                       "password": {"type": "string", "sensitive": true},
                       "token": {"type": "string", "sensitive": true}}}"""),
            "mqtt", spec("mqtt", "url", 1883, """
                    {"title": "MQTT", "type": "object", "additionalProperties": false, "required": ["url"],
                     "properties": {
                       "url": {"type": "string", "description": "tcp://host:port or ssl://host:port"},
                       "client_prefix": {"type": "string"},
                       "username": {"type": "string"},
                       "password": {"type": "string", "sensitive": true}}}"""),
            "rabbitmq", spec("rabbitmq", "host", 5672, """
                    {"title": "RabbitMQ", "type": "object", "additionalProperties": false, "required": ["host"],
                     "properties": {
                       "host": {"type": "string", "description": "host or host:port of the broker"},
                       "virtual_host": {"type": "string"},
                       "username": {"type": "string"},
                       "password": {"type": "string", "sensitive": true}}}"""),
            "redis", spec("redis", "address", 6379, """
                    {"title": "Redis", "type": "object", "additionalProperties": false, "required": ["address"],
                     "properties": {
                       "address": {"type": "string", "description": "redis://host:port"},
                       "username": {"type": "string"},
                       "password": {"type": "string", "sensitive": true},
                       "database": {"type": "integer", "minimum": 0}}}"""));

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

    private static ProfileSpec spec(String connector, String addressField, int defaultPort, String schema) {
        ObjectNode node = (ObjectNode) ApiJson.mapper().readTree(schema);
        node.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        return new ProfileSpec(connector, node, addressField, defaultPort);
    }
}
