package io.tributary.pipeline.api;

import static io.tributary.pipeline.api.ConnectionProfileApiTest.json;
import static io.tributary.pipeline.api.ConnectionProfileApiTest.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.client.TributaryApiException;
import io.tributary.api.model.ConnectionSchema;
import io.tributary.api.model.ConnectionTable;
import io.tributary.api.model.ConnectionTablePost;
import io.tributary.api.model.ConnectionType;
import io.tributary.api.model.FieldType;
import io.tributary.api.model.PaginatedCollection;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.PipelinePost;
import io.tributary.api.model.SchemaDefinition;
import io.tributary.api.model.SourceField;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ConnectionTableApiTest extends ApiTestSupport {
    @Autowired
    JdbcClient jdbc;

    private ConnectionTable impulse(String name) {
        return client.createConnectionTable(new ConnectionTablePost(name, "impulse", Optional.empty(),
                json("{\"event_rate\": \"10\", \"message_count\": \"5\"}"), Optional.empty()));
    }

    @Test
    void aStoredTableIsUsableByNameAndPinnedByItsPipelines() {
        String name = unique("ticks");
        ConnectionTable table = impulse(name);
        assertThat(table.id()).startsWith("ct_");
        assertThat(table.tableType()).isEqualTo(ConnectionType.SOURCE);
        assertThat(table.consumers()).isZero();

        assertThat(client.validateQuery("SELECT counter FROM " + name).errors()).isEmpty();
        Pipeline pipeline = client.createPipeline(new PipelinePost("uses-ticks", "SELECT counter FROM " + name,
                Optional.empty(), Optional.empty()));

        assertThat(client.listConnectionTables(Optional.empty(), 1000).data())
                .filteredOn(listed -> listed.id().equals(table.id()))
                .singleElement().extracting(ConnectionTable::consumers).isEqualTo(1);
        assertThatThrownBy(() -> client.deleteConnectionTable(table.id()))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains(pipeline.id());
                });
        jdbc.sql("UPDATE jobs SET state = 'Stopped' WHERE pipeline_id = :id").param("id", pipeline.id()).update();
        client.deletePipeline(pipeline.id());
        client.deleteConnectionTable(table.id());
        assertThatThrownBy(() -> client.deleteConnectionTable(table.id()))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void errorsInTheUsersQueryKeepTheirLines() {
        String name = unique("lines");
        impulse(name);

        var errors = client.validateQuery("SELECT counter\nFROM " + name + "\nWHERE nope = 1").errors();

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.message()).contains("nope");
            assertThat(error.span()).hasValueSatisfying(span -> assertThat(span.start().line()).isEqualTo(3));
        });
    }

    @Test
    void aTableDeclaredInTheQueryWinsOverAStoredOne() {
        String name = unique("shadowed");
        impulse(name);

        assertThat(client.validateQuery("CREATE TABLE " + name + " WITH (connector = 'impulse', event_rate = '1');\n"
                + "SELECT subtask_index FROM " + name).errors()).isEmpty();
    }

    @Test
    void aStoredKafkaTableKeepsItsDottedOptions() {
        ConnectionTable table = client.createConnectionTable(new ConnectionTablePost(unique("clicks"), "kafka",
                Optional.empty(), json("{\"bootstrap_servers\": \"127.0.0.1:9092\", \"topic\": \"clicks\", "
                        + "\"type\": \"source\", \"source.offset\": \"earliest\", "
                        + "\"source.read_mode\": \"read_committed\"}"),
                Optional.of(new ConnectionSchema(Optional.of("json"), List.of(new SourceField("id", FieldType.INT64, true)),
                        Optional.empty(), Optional.empty()))));

        assertThat(client.validateQuery("SELECT id FROM " + table.name()).errors()).isEmpty();
    }

    @Test
    void fieldsComeFromAJsonSchemaDefinition() {
        ConnectionTable table = client.createConnectionTable(new ConnectionTablePost(unique("orders"), "single_file",
                Optional.empty(), json("{\"path\": \"/data/orders.json\", \"type\": \"source\", \"format\": \"json\"}"),
                Optional.of(new ConnectionSchema(Optional.of("json"), List.of(), Optional.of(new SchemaDefinition(
                        SchemaDefinition.Kind.JSON_SCHEMA, """
                        {"type": "object", "required": ["id"], "properties": {
                          "id": {"type": "integer"}, "at": {"type": "string", "format": "date-time"},
                          "customer": {"type": "object", "properties": {"name": {"type": "string"}}}}}""")),
                        Optional.empty()))));

        assertThat(table.schema().fields()).containsExactly(
                new SourceField("id", FieldType.INT64, true),
                new SourceField("at", FieldType.TIMESTAMP, false),
                new SourceField("customer", FieldType.STRUCT, false, List.of(new SourceField("name", FieldType.STRING, false))));
        assertThat(client.validateQuery("SELECT id, o.customer.name, \"at\" FROM " + table.name() + " o").errors()).isEmpty();
    }

    @Test
    void schemaTestDerivesAvroFieldsOrSaysWhatIsWrong() {
        ConnectionSchema tested = client.testConnectionSchema(new ConnectionSchema(Optional.of("avro"), List.of(),
                Optional.of(new SchemaDefinition(SchemaDefinition.Kind.AVRO_SCHEMA, """
                        {"type": "record", "name": "r", "fields": [
                          {"name": "n", "type": "long"}, {"name": "s", "type": ["null", "string"]},
                          {"name": "t", "type": {"type": "long", "logicalType": "timestamp-millis"}}]}""")),
                Optional.empty()));

        assertThat(tested.fields()).containsExactly(new SourceField("n", FieldType.INT64, true),
                new SourceField("s", FieldType.STRING, false), new SourceField("t", FieldType.TIMESTAMP, true));
        assertThatThrownBy(() -> client.testConnectionSchema(new ConnectionSchema(Optional.empty(), List.of(),
                Optional.of(new SchemaDefinition(SchemaDefinition.Kind.AVRO_SCHEMA, "{\"type\": \"record\", \"fields\": "
                        + "[{\"name\": \"u\", \"type\": [\"int\", \"string\"]}]}")), Optional.empty())))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("'u' is a union");
                });
        assertThatThrownBy(() -> client.testConnectionSchema(new ConnectionSchema(Optional.of("xml"), List.of(),
                Optional.empty(), Optional.of(true))))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> assertThat(e.getMessage()).contains("'xml'"));
    }

    @Test
    void tablesPageNewestFirst() {
        List<String> ids = List.of(impulse(unique("page")).id(), impulse(unique("page")).id(), impulse(unique("page")).id());

        PaginatedCollection<ConnectionTable> first = client.listConnectionTables(Optional.empty(), 2);
        PaginatedCollection<ConnectionTable> next = client.listConnectionTables(
                Optional.of(first.data().getLast().id()), 1000);

        assertThat(first.hasMore()).isTrue();
        assertThat(first.data()).hasSize(2);
        assertThat(next.data()).extracting(ConnectionTable::id).doesNotContainAnyElementsOf(
                first.data().stream().map(ConnectionTable::id).toList());
        assertThat(first.data().getFirst().id()).isEqualTo(ids.getLast());
        assertThatThrownBy(() -> client.listConnectionTables(Optional.of("ct_missing"), 10))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void badTablesAreBadRequestsNamingTheProblem() {
        assertBadRequest(new ConnectionTablePost("1abc", "impulse", Optional.empty(), json("{\"event_rate\": \"1\"}"),
                Optional.empty()), "letters, digits and '_'");
        assertBadRequest(new ConnectionTablePost("t", "kafkaa", Optional.empty(), json("{}"), Optional.empty()),
                "no connector 'kafkaa'");
        assertBadRequest(new ConnectionTablePost("t", "impulse", Optional.empty(), json("{\"event_rate\": 10}"),
                Optional.empty()), "'event_rate' must be a string");
        assertBadRequest(new ConnectionTablePost("t", "impulse", Optional.empty(), json("{}"), Optional.empty()),
                "'event_rate' is required");
        assertBadRequest(new ConnectionTablePost("t", "single_file", Optional.empty(),
                json("{\"path\": \"/data/x\", \"format\": \"json\"}"), Optional.empty()), "'type' is required");
        assertBadRequest(new ConnectionTablePost("t", "single_file", Optional.empty(),
                json("{\"path\": \"/data/x\", \"format\": \"json\", \"type\": \"source\"}"), Optional.empty()),
                "needs a schema");
        assertBadRequest(new ConnectionTablePost("t", "impulse", Optional.of("cp_missing"), json("{\"event_rate\": \"1\"}"),
                Optional.empty()), "names no connection profile");
        assertBadRequest(new ConnectionTablePost("t", "impulse", Optional.empty(), json("{\"event_rate\": \"1\"}"),
                Optional.of(new ConnectionSchema(Optional.empty(), List.of(new SourceField("a", FieldType.INT32, true)),
                        Optional.empty(), Optional.empty()))), "fixed schema");
    }

    @Test
    void malformedBodiesAndDuplicatesAreRefused() throws Exception {
        HttpResponse<String> wrongFieldType = send("POST", "/api/v1/connection_tables", """
                {"name": "t", "connector": "single_file", "config": {}, "schema": {"fields": [{"name": "a", "type": "int128", "required": true}]}}""");
        HttpResponse<String> missingName = send("POST", "/api/v1/connection_tables", "{\"connector\": \"impulse\", \"config\": {}}");

        assertThat(wrongFieldType.statusCode()).isEqualTo(400);
        assertThat(wrongFieldType.body()).contains("schema.fields");
        assertThat(missingName.statusCode()).isEqualTo(400);
        assertThat(missingName.body()).contains("name is null");
        String name = unique("twice");
        impulse(name);
        assertThatThrownBy(() -> impulse(name))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void testingStreamsEventsEndingWithADoneOne() throws Exception {
        HttpResponse<String> generator = send("POST", "/api/v1/connection_tables/test",
                "{\"name\": \"t\", \"connector\": \"impulse\", \"config\": {\"event_rate\": \"1\"}}");
        HttpResponse<String> missingFile = send("POST", "/api/v1/connection_tables/test", """
                {"name": "t", "connector": "single_file", "config": {"path": "/nonexistent/in.json", "type": "source", "format": "json"},
                 "schema": {"inferred": true}}""");
        HttpResponse<String> invalid = send("POST", "/api/v1/connection_tables/test",
                "{\"name\": \"t\", \"connector\": \"impulse\", \"config\": {}}");

        assertThat(generator.statusCode()).isEqualTo(200);
        assertThat(generator.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(generator.body()).contains("data:{\"error\":false,\"done\":false,\"message\":\"the table's config")
                .contains("\"done\":true,\"message\":\"impulse generates its rows itself");
        assertThat(missingFile.body()).contains("\"error\":true,\"done\":true,\"message\":\"/nonexistent/in.json cannot be read");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("'event_rate' is required");
    }

    private void assertBadRequest(ConnectionTablePost post, String message) {
        assertThatThrownBy(() -> client.createConnectionTable(post))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
