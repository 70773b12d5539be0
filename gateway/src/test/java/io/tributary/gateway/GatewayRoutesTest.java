package io.tributary.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

class GatewayRoutesTest {
    private static FakeBackend api;
    private static FakeBackend ui;
    private static ConfigurableApplicationContext gateway;
    private static URI origin;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        api = new FakeBackend("api");
        ui = new FakeBackend("ui");
        gateway = GatewayApplication.builder().run(
                "--server.port=0",
                "--tributary.gateway.api-url=" + api.url(),
                "--tributary.gateway.ui-url=" + ui.url());
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        origin = URI.create("http://127.0.0.1:" + port);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (api != null) {
            api.close();
        }
        if (ui != null) {
            ui.close();
        }
    }

    @Test
    void apiPathsGoToTheApiWithMethodBodyAndQueryString() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(origin.resolve("/api/v1/pipelines/validate_query?x=1&y=a%20b"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"query\":\"SELECT 1\"}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Backend")).hasValue("api");
        assertThat(response.body()).isEqualTo("api POST /api/v1/pipelines/validate_query?x=1&y=a%20b {\"query\":\"SELECT 1\"}");
        assertThat(api.received()).contains(new FakeBackend.Received(
                "POST", "/api/v1/pipelines/validate_query?x=1&y=a%20b", "{\"query\":\"SELECT 1\"}", "application/json"));
    }

    @Test
    void everyMethodPassesThrough() throws Exception {
        for (String method : new String[] {"GET", "PUT", "PATCH", "DELETE"}) {
            String body = method.equals("GET") || method.equals("DELETE") ? "" : "{\"stop\":\"checkpoint\"}";
            HttpResponse<String> response = send(HttpRequest.newBuilder(origin.resolve("/api/v1/pipelines/pl_1"))
                    .method(method, body.isEmpty() ? BodyPublishers.noBody() : BodyPublishers.ofString(body)));

            assertThat(response.body()).isEqualTo(("api " + method + " /api/v1/pipelines/pl_1 " + body));
        }
    }

    @Test
    void statusCodesOfTheBackendReachTheClient() throws Exception {
        for (int status : new int[] {201, 400, 404, 409, 500, 503}) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(origin.resolve("/api/v1/pipelines"))
                    .header("X-Echo-Status", Integer.toString(status))
                    .POST(BodyPublishers.ofString("{}")));

            assertThat(response.statusCode()).as("status").isEqualTo(status);
            assertThat(response.body()).isEqualTo("api POST /api/v1/pipelines {}");
        }
    }

    @Test
    void everythingElseGoesToTheUi() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(origin.resolve("/pipelines")).GET());
        HttpResponse<String> uidl = send(HttpRequest.newBuilder(origin.resolve("/?v-r=uidl&v-uiId=0"))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(BodyPublishers.ofString("{\"csrfToken\":\"t\",\"rpc\":[],\"syncId\":0,\"clientId\":0}")));
        HttpResponse<String> push = send(HttpRequest.newBuilder(origin.resolve(
                "/VAADIN/push?v-r=push&v-uiId=0&X-Atmosphere-Transport=long-polling")).GET());
        HttpResponse<String> apiLookalike = send(HttpRequest.newBuilder(origin.resolve("/apiary")).GET());

        assertThat(page.body()).isEqualTo("ui GET /pipelines ");
        assertThat(uidl.body()).isEqualTo("ui POST /?v-r=uidl&v-uiId=0 {\"csrfToken\":\"t\",\"rpc\":[],\"syncId\":0,\"clientId\":0}");
        assertThat(push.body()).isEqualTo("ui GET /VAADIN/push?v-r=push&v-uiId=0&X-Atmosphere-Transport=long-polling ");
        assertThat(apiLookalike.body()).isEqualTo("ui GET /apiary ");
    }

    @Test
    void serverSentEventsAreStreamedNotBuffered() throws Exception {
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(origin.resolve("/api/v1/events")).header("Accept", "text/event-stream").GET().build(),
                BodyHandlers.ofInputStream());
        try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            // The backend holds the second event back until the first has arrived through the gateway.
            assertThat(lines.readLine()).isEqualTo("data: first");
            api.releaseSecondEvent();
            assertThat(lines.readLine()).isEmpty();
            assertThat(lines.readLine()).isEqualTo("data: second");
        }
    }

    @Test
    void actuatorIsAnsweredByTheGatewayItself() throws Exception {
        HttpResponse<String> health = send(HttpRequest.newBuilder(origin.resolve("/actuator/health")).GET());
        HttpResponse<String> prometheus = send(HttpRequest.newBuilder(origin.resolve("/actuator/prometheus")).GET());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
