package io.tributary.pipeline.api;

import static io.tributary.pipeline.api.ConnectionProfileApiTest.json;
import static io.tributary.pipeline.api.ConnectionProfileApiTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.model.ConnectionProfile;
import io.tributary.api.model.ConnectionProfilePost;
import io.tributary.api.model.ConnectionSchema;
import io.tributary.api.model.ConnectionTablePost;
import io.tributary.api.model.FieldType;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.PipelinePost;
import io.tributary.api.model.QueryError;
import io.tributary.api.model.SourceField;
import io.tributary.api.model.TestSourceMessage;
import io.tributary.connectors.kafka.KafkaTestBroker;
import io.tributary.proto.program.LogicalProgram;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Kafka connection profiles against a real broker, and their settings reaching planned tables. */
@Timeout(120)
class KafkaProfileApiTest extends ApiTestSupport {
    @Autowired
    JdbcClient jdbc;

    private ConnectionProfile profile(String servers) {
        return client.createConnectionProfile(new ConnectionProfilePost(unique("kafka"), "kafka", json("""
                {"bootstrap_servers": "%s", "security_protocol": "SASL_PLAINTEXT", "sasl_mechanism": "PLAIN",
                 "sasl_username": "ann", "sasl_password": "hunter2"}""".formatted(servers))));
    }

    /** The options of the planned program's source, as the pipeline was stored. */
    private Map<String, String> plannedSourceOptions(String query) throws Exception {
        Pipeline pipeline = client.createPipeline(new PipelinePost(unique("p"), query, Optional.empty(), Optional.empty()));
        byte[] program = jdbc.sql("SELECT program FROM pipelines WHERE id = :id").param("id", pipeline.id())
                .query(byte[].class).single();
        jdbc.sql("UPDATE jobs SET state = 'Stopped' WHERE pipeline_id = :id").param("id", pipeline.id()).update();
        client.deletePipeline(pipeline.id());
        return LogicalProgram.parseFrom(program).getNodesList().stream()
                .map(node -> node.getOperators(0))
                .filter(operator -> operator.hasSource())
                .findFirst()
                .orElseThrow()
                .getSource()
                .getOptionsMap();
    }

    @Test
    void testingConnectsToTheBrokersWithAKafkaClient() {
        String servers = KafkaTestBroker.bootstrapServers();
        TestSourceMessage result = client.testConnectionProfile(new ConnectionProfilePost("t", "kafka",
                json("{\"bootstrap_servers\": \"" + servers + "\"}")));

        assertThat(result.error()).as(result.message()).isFalse();
        assertThat(result.done()).isTrue();
        assertThat(result.message()).startsWith("connected to the Kafka brokers at " + servers + ", which hold ");
    }

    @Test
    void aBrokerThatRefusesTheProfilesSettingsIsAFailedTestSayingWhy() {
        String servers = KafkaTestBroker.bootstrapServers();
        // The test broker takes no SASL: it answers the handshake with an error.
        TestSourceMessage result = client.testConnectionProfile(new ConnectionProfilePost("t", "kafka", json("""
                {"bootstrap_servers": "%s", "security_protocol": "SASL_PLAINTEXT", "sasl_mechanism": "PLAIN",
                 "sasl_username": "ann", "sasl_password": "wrong"}""".formatted(servers))));

        assertThat(result.error()).isTrue();
        assertThat(result.message()).startsWith("cannot list the topics of the Kafka brokers at " + servers
                + " for connection profile 't': ");
    }

    @Test
    void autocompleteListsTheBrokersTopics() {
        String topic = KafkaTestBroker.createTopic("autocomplete", 1);
        ConnectionProfile profile = client.createConnectionProfile(new ConnectionProfilePost(unique("kafka"), "kafka",
                json("{\"bootstrap_servers\": \"" + KafkaTestBroker.bootstrapServers() + "\"}")));

        Map<String, List<String>> values = client.autocompleteConnectionProfile(profile.id()).values();

        assertThat(values).containsOnlyKeys("topic");
        assertThat(values.get("topic")).contains(topic).isSorted();
    }

    @Test
    void aTableNamingAProfileIsPlannedWithItsSettingsAndSecret() throws Exception {
        ConnectionProfile profile = profile("broker-a:9092");

        Map<String, String> options = plannedSourceOptions("CREATE TABLE orders (id BIGINT) WITH (connector = 'kafka', "
                + "topic = 'orders', type = 'source', connection_profile = '" + profile.name() + "');\n"
                + "SELECT id FROM orders");

        assertThat(options)
                .containsEntry("bootstrap_servers", "broker-a:9092")
                .containsEntry("auth.type", "sasl")
                .containsEntry("auth.protocol", "SASL_PLAINTEXT")
                .containsEntry("auth.mechanism", "PLAIN")
                .containsEntry("auth.username", "ann")
                .containsEntry("auth.password", "hunter2");
    }

    @Test
    void aConnectionTableBoundToAProfileIsPlannedWithItsSettings() throws Exception {
        ConnectionProfile profile = profile("broker-b:9092");
        String table = unique("orders");
        client.createConnectionTable(new ConnectionTablePost(table, "kafka", Optional.of(profile.id()),
                json("{\"topic\": \"orders\", \"type\": \"source\"}"),
                Optional.of(new ConnectionSchema(Optional.of("json"), List.of(new SourceField("id", FieldType.INT64, true)),
                        Optional.empty(), Optional.empty()))));

        assertThat(plannedSourceOptions("SELECT id FROM " + table))
                .containsEntry("bootstrap_servers", "broker-b:9092")
                .containsEntry("auth.password", "hunter2");
    }

    @Test
    void anUnknownProfileIsALocatedErrorNamingIt() {
        List<QueryError> errors = client.validateQuery("""
                CREATE TABLE orders (id BIGINT) WITH (connector = 'kafka', topic = 'orders',
                    type = 'source', connection_profile = 'nowhere');
                SELECT id FROM orders;""").errors();

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.message()).startsWith("Unknown connection profile 'nowhere' for table 'orders'");
            assertThat(error.span()).hasValueSatisfying(span -> {
                assertThat(span.start().line()).isEqualTo(2);
                assertThat(span.start().column()).isEqualTo(43);
            });
        });
    }
}
