package io.tributary.pipeline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.client.TributaryApiException;
import io.tributary.api.model.PipelinePost;
import io.tributary.connectors.registry.FakeSchemaRegistry;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creating a pipeline registers its Kafka sinks' schemas with their registry (a hand-written
 * Confluent-compatible fake: no such registry installs here), and a refusal is a 400 that names
 * the table and the endpoint. No broker is needed: nothing is written at creation.
 */
class SchemaRegistryApiTest extends ApiTestSupport {
    private static String query(String endpoint, String topic, String format) {
        return """
                CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '10', message_count = '20');
                CREATE TABLE counters WITH (connector = 'kafka', bootstrap_servers = '127.0.0.1:9', topic = '%s',
                    type = 'sink', format = '%s', 'json.confluent_schema_registry' = 'true',
                    'schema_registry.endpoint' = '%s');
                INSERT INTO counters SELECT counter, counter * 2 AS doubled, cast(counter AS TEXT) AS label
                FROM impulse_source;
                """.formatted(topic, format, endpoint);
    }

    @Test
    void anAvroSinkRegistersTheSchemaOfItsColumnsUnderTheTopicsValueSubject() throws Exception {
        try (FakeSchemaRegistry registry = new FakeSchemaRegistry()) {
            client.createPipeline(new PipelinePost("avro", query(registry.endpoint(), "counts", "avro"),
                    Optional.empty(), Optional.empty()));

            FakeSchemaRegistry.Registered registered = registry.registered().getFirst();
            assertThat(registered.subject()).isEqualTo("counts-value");
            assertThat(registered.schemaType()).isEqualTo("AVRO");
            JsonNode schema = JsonMapper.builder().build().readTree(registered.schema());
            assertThat(schema.get("name").asString()).isEqualTo("counters");
            assertThat(schema.get("fields").valueStream().map(field -> field.get("name").asString()).toList())
                    .containsExactly("counter", "doubled", "label");
            assertThat(schema.get("fields").get(0).get("type").asString()).isEqualTo("long");
        }
    }

    @Test
    void aJsonSinkWithConfluentFramingRegistersAJsonSchema() throws Exception {
        try (FakeSchemaRegistry registry = new FakeSchemaRegistry()) {
            client.createPipeline(new PipelinePost("json", query(registry.endpoint(), "counts-json", "json"),
                    Optional.empty(), Optional.empty()));

            assertThat(registry.registered()).singleElement().satisfies(registered -> {
                assertThat(registered.subject()).isEqualTo("counts-json-value");
                assertThat(registered.schemaType()).isEqualTo("JSON");
                assertThat(registered.schema()).contains("\"label\"");
            });
        }
    }

    @Test
    void aRegistryThatRefusesIsA400NamingTheTableAndTheEndpoint() throws Exception {
        try (FakeSchemaRegistry registry = new FakeSchemaRegistry()) {
            registry.refuse("refused-value");
            assertThatThrownBy(() -> client.createPipeline(new PipelinePost("refused",
                    query(registry.endpoint(), "refused", "avro"), Optional.empty(), Optional.empty())))
                    .isInstanceOfSatisfying(TributaryApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessageContaining("sink table counters")
                    .hasMessageContaining(registry.endpoint())
                    .hasMessageContaining("incompatible");
            assertThat(client.listPipelines().data()).noneMatch(pipeline -> pipeline.name().equals("refused"));
        }
    }

    @Test
    void anUnreachableRegistryIsA400NamingTheTableAndTheEndpoint() {
        assertThatThrownBy(() -> client.createPipeline(new PipelinePost("unreachable",
                query("http://127.0.0.1:9", "unreachable", "avro"), Optional.empty(), Optional.empty())))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("sink table counters")
                .hasMessageContaining("http://127.0.0.1:9");
    }
}
