package io.tributary.pipeline.api;

import com.sun.net.httpserver.HttpServer;
import io.tributary.api.client.ApiJson;
import io.tributary.api.client.TributaryClient;
import io.tributary.api.model.QueryError;
import io.tributary.api.model.SourcePosition;
import io.tributary.api.model.SourceSpan;
import io.tributary.api.model.UdfBuild;
import io.tributary.api.model.UdfSignature;
import io.tributary.api.model.UdfValidationResult;
import io.tributary.api.model.ValidateUdfPost;
import io.tributary.pipeline.PipelineServiceApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One Spring context for the API tests of connections, UDFs and the OpenAPI document: every
 * subclass has this configuration, so the context is built once and cached. A fake compiler
 * service answers UDF builds: source with {@code @Udf} compiles, anything else fails at 3:5.
 */
@SpringBootTest(classes = PipelineServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=pipeline",
                "tributary.secrets.key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="})
abstract class ApiTestSupport {
    private static final Pattern FUNCTION = Pattern.compile("static\\s+\\w+\\s+(\\w+)\\s*\\(");
    private static final HttpServer COMPILER = fakeCompiler();

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        ApiDatabases.register(registry, "connections-api");
        registry.add("tributary.pipeline.compiler-url", () -> "http://127.0.0.1:" + COMPILER.getAddress().getPort());
    }

    @LocalServerPort
    int port;

    TributaryClient client;

    @BeforeEach
    void connect() {
        client = new TributaryClient(URI.create("http://localhost:" + port));
    }

    HttpResponse<String> send(String method, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpServer fakeCompiler() {
        return FakeJsonServer.start("/internal/v1/udfs/build", exchange -> {
            String source = ApiJson.mapper().readValue(exchange.getRequestBody(), ValidateUdfPost.class).definition();
            Matcher function = FUNCTION.matcher(source);
            return source.contains("@Udf") && function.find()
                    ? new UdfBuild(new UdfValidationResult(Optional.of(function.group(1)), List.of(), List.of(),
                            List.of()), Optional.of("file:/artifacts/udfs/" + source.hashCode() + ".jar"),
                            Optional.of(new UdfSignature(function.group(1), "F", function.group(1),
                                    List.of(new UdfSignature.UdfType("BIGINT", false)),
                                    new UdfSignature.UdfType("BIGINT", false))),
                            Optional.of(Integer.toHexString(source.hashCode())), false)
                    : new UdfBuild(new UdfValidationResult(Optional.empty(), List.of("3:5: cannot find symbol"),
                            List.of(new QueryError("cannot find symbol", Optional.of(new SourceSpan(
                                    new SourcePosition(3, 5), new SourcePosition(3, 5))))), List.of()),
                            Optional.empty(), Optional.empty(), Optional.empty(), false);
        });
    }
}
