package io.tributary.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The gateway with API keys on, in front of a pipeline service that knows one key. */
class ApiKeyFilterTest {
    private static HttpServer api;
    private static final List<String> checkedHashes = new CopyOnWriteArrayList<>();
    private static ConfigurableApplicationContext gateway;
    private static URI origin;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        String known = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("trb_good".getBytes(StandardCharsets.UTF_8)));
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (path.startsWith("/internal/v1/api_keys/")) {
                    String hash = path.substring("/internal/v1/api_keys/".length());
                    checkedHashes.add(hash);
                    exchange.sendResponseHeaders(hash.equals(known) ? 204 : 404, -1);
                    return;
                }
                byte[] body = "{\"data\":[]}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        api.start();
        gateway = GatewayApplication.builder().run(
                "--server.port=0",
                "--tributary.gateway.api-url=http://127.0.0.1:" + api.getAddress().getPort(),
                "--tributary.gateway.ui-url=http://127.0.0.1:1",
                "--tributary.gateway.auth.enabled=true",
                "--tributary.gateway.cors.allowed-origins=https://tools.example");
        origin = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) gateway).getWebServer().getPort());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (api != null) {
            api.stop(0);
        }
    }

    @Test
    void withoutAKeyTheApiIsUnauthorized() throws Exception {
        HttpResponse<String> response = get("/api/v1/pipelines", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo(
                "{\"status\":401,\"message\":\"this API needs an API key: send 'Authorization: Bearer <key>'\"}");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void anUnknownKeyIsUnauthorizedAndOnlyItsHashIsSent() throws Exception {
        HttpResponse<String> response = get("/api/v1/pipelines", "Bearer trb_wrong");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"message\":\"the API key is not valid\"");
        assertThat(checkedHashes).isNotEmpty().allSatisfy(hash -> assertThat(hash).hasSize(64).doesNotContain("trb_"));
    }

    @Test
    void aKnownKeyPassesAndIsRemembered() throws Exception {
        assertThat(get("/api/v1/pipelines", "Bearer trb_good").statusCode()).isEqualTo(200);
        int checks = checkedHashes.size();

        assertThat(get("/api/v1/pipelines", "Bearer trb_good").body()).isEqualTo("{\"data\":[]}");
        assertThat(checkedHashes).hasSize(checks);
    }

    @Test
    void corsPreflightsFromAConfiguredOriginAreAnsweredWithoutAKey() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(origin.resolve("/api/v1/pipelines"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://tools.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization")
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://tools.example");
    }

    private static HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(origin.resolve(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
