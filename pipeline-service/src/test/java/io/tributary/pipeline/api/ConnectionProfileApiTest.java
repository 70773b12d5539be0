package io.tributary.pipeline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.client.ApiJson;
import io.tributary.api.client.TributaryApiException;
import io.tributary.api.model.ConnectionProfile;
import io.tributary.api.model.ConnectionProfilePost;
import io.tributary.api.model.ConnectionTablePost;
import io.tributary.api.model.TestSourceMessage;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class ConnectionProfileApiTest extends ApiTestSupport {
    @Autowired
    JdbcClient jdbc;

    static JsonNode json(String text) {
        return ApiJson.mapper().readTree(text);
    }

    static String unique(String name) {
        return name + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void secretsAreStoredEncryptedAndShownRedacted() {
        ConnectionProfile created = client.createConnectionProfile(new ConnectionProfilePost(unique("kafka"), "kafka",
                json("{\"bootstrap_servers\": \"localhost:9092\", \"sasl_username\": \"ann\", \"sasl_password\": \"hunter2\"}")));

        assertThat(created.id()).startsWith("cp_");
        assertThat(created.config().get("sasl_username").asString()).isEqualTo("ann");
        assertThat(created.config().get("sasl_password").asString()).isEqualTo("********");
        assertThat(created.description()).isEqualTo("Kafka at localhost:9092");
        String stored = jdbc.sql("SELECT config FROM connection_profiles WHERE id = :id").param("id", created.id())
                .query(String.class).single();
        assertThat(stored).doesNotContain("hunter2").contains("enc:v1:");
        assertThat(client.listConnectionProfiles().data()).extracting(ConnectionProfile::id).contains(created.id());
    }

    @Test
    void configIsCheckedAgainstTheProfileSchemaNamingTheField() {
        assertBadRequest(new ConnectionProfilePost("p", "kafka", json("{}")), "'bootstrap_servers' is required");
        assertBadRequest(new ConnectionProfilePost("p", "kafka", json("{\"bootstrap_servers\": 9092}")),
                "'bootstrap_servers' must be a string");
        assertBadRequest(new ConnectionProfilePost("p", "kafka", json("{\"bootstrap_servers\": \"h:1\", \"colour\": \"red\"}")),
                "'colour' is not known");
        assertBadRequest(new ConnectionProfilePost("p", "kafka",
                json("{\"bootstrap_servers\": \"h:1\", \"security_protocol\": \"TLS\"}")), "'security_protocol' must be one of");
        assertBadRequest(new ConnectionProfilePost("p", "redis", json("{\"address\": \"redis://h\", \"database\": -1}")),
                "'database' must be at least 0");
        assertBadRequest(new ConnectionProfilePost("p", "impulse", json("{}")), "'impulse' takes no connection profile");
        assertBadRequest(new ConnectionProfilePost(" ", "kafka", json("{\"bootstrap_servers\": \"h:1\"}")), "needs a name");
    }

    @Test
    void malformedBodiesAreBadRequests() throws Exception {
        HttpResponse<String> missingConfig = send("POST", "/api/v1/connection_profiles", "{\"name\": \"x\", \"connector\": \"kafka\"}");
        HttpResponse<String> notAnObject = send("POST", "/api/v1/connection_profiles",
                "{\"name\": \"x\", \"connector\": \"kafka\", \"config\": [1]}");

        assertThat(missingConfig.statusCode()).isEqualTo(400);
        assertThat(missingConfig.body()).contains("config is null");
        assertThat(notAnObject.statusCode()).isEqualTo(400);
        assertThat(notAnObject.body()).contains("config must be a JSON object");
    }

    @Test
    void aTakenNameIsAConflict() {
        String name = unique("nats");
        client.createConnectionProfile(new ConnectionProfilePost(name, "nats", json("{\"servers\": \"nats://localhost:4222\"}")));

        assertThatThrownBy(() -> client.createConnectionProfile(new ConnectionProfilePost(name, "nats",
                json("{\"servers\": \"nats://localhost:4222\"}"))))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void testingReachesTheSystemOrSaysWhyNot() throws Exception {
        try (ServerSocket listening = new ServerSocket(0)) {
            TestSourceMessage reached = client.testConnectionProfile(new ConnectionProfilePost("t", "mqtt",
                    json("{\"url\": \"tcp://127.0.0.1:" + listening.getLocalPort() + "\"}")));

            assertThat(reached.error()).isFalse();
            assertThat(reached.done()).isTrue();
            assertThat(reached.message()).contains("reached mqtt at 127.0.0.1:" + listening.getLocalPort());
        }
        int closed;
        try (ServerSocket gone = new ServerSocket(0)) {
            closed = gone.getLocalPort();
        }
        TestSourceMessage unreachable = client.testConnectionProfile(new ConnectionProfilePost("t", "kafka",
                json("{\"bootstrap_servers\": \"127.0.0.1:" + closed + "\"}")));
        assertThat(unreachable.error()).isTrue();
        assertThat(unreachable.message()).startsWith("cannot reach kafka at 127.0.0.1:" + closed);
    }

    @Test
    void autocompleteAnswersForAKnownProfileOnly() {
        ConnectionProfile profile = client.createConnectionProfile(new ConnectionProfilePost(unique("redis"), "redis",
                json("{\"address\": \"redis://localhost:6379\"}")));

        assertThat(client.autocompleteConnectionProfile(profile.id()).values()).isEmpty();
        assertThatThrownBy(() -> client.autocompleteConnectionProfile("cp_missing"))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void aProfileInUseCannotBeDeleted() {
        ConnectionProfile profile = client.createConnectionProfile(new ConnectionProfilePost(unique("file"), "kafka",
                json("{\"bootstrap_servers\": \"localhost:9092\"}")));
        // The table's connector must match the profile's.
        assertThatThrownBy(() -> client.createConnectionTable(new ConnectionTablePost(unique("t"), "impulse",
                Optional.of(profile.id()), json("{\"event_rate\": \"1\"}"), Optional.empty())))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("is for kafka, not impulse");
                });
        jdbc.sql("INSERT INTO connection_tables (id, name, connector, profile_id, table_type, config, schema_json, created_at) "
                        + "VALUES ('ct_pinning', :name, 'kafka', :profile, 'source', '{}', '{}', 1)")
                .param("name", unique("pinning")).param("profile", profile.id()).update();

        assertThatThrownBy(() -> client.deleteConnectionProfile(profile.id()))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("used by connection tables");
                });
        jdbc.sql("DELETE FROM connection_tables WHERE id = 'ct_pinning'").update();
        client.deleteConnectionProfile(profile.id());
        assertThatThrownBy(() -> client.deleteConnectionProfile(profile.id()))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    private void assertBadRequest(ConnectionProfilePost post, String message) {
        assertThatThrownBy(() -> client.createConnectionProfile(post))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
