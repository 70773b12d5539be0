package io.tributary.pipeline.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class OpenApiTest extends ApiTestSupport {
    @Test
    void theDocumentDescribesTheApiUnderApi() throws Exception {
        HttpResponse<String> document = send("GET", "/api/openapi.json", null);

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("\"/api/v1/connection_tables\"", "\"/api/v1/connection_profiles/test\"",
                "\"/api/v1/udfs/validate\"", "\"/api/v1/pipelines\"").doesNotContain("/internal/");
    }

    @Test
    void swaggerUiIsServedUnderApi() throws Exception {
        HttpResponse<String> ui = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/swagger-ui.html")).build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.uri().getPath()).startsWith("/api/");
        assertThat(ui.body()).containsIgnoringCase("swagger");
    }
}
