package io.tributary.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The test classpath also holds Spring Cloud Gateway, WebFlux, JDBC and H2, as the cluster's does. */
class UiApplicationTest {
    private static ConfigurableApplicationContext context;
    private static URI origin;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        // As the cluster launcher does: Tributary's settings as default properties.
        context = UiApplication.builder()
                .properties(Map.of("tributary.ui.port", 0, "tributary.ui.api-url", "http://127.0.0.1:18001"))
                .run();
        origin = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void runsAsAServletApplicationWithItsOwnPropertiesAndNoGatewayOrDatabase() {
        assertThat(context).isInstanceOf(ServletWebServerApplicationContext.class);
        assertThat(context.getEnvironment().getProperty("spring.application.name")).isEqualTo("tributary-ui");
        assertThat(context.getBean(UiProperties.class)).isEqualTo(
                new UiProperties(URI.create("http://127.0.0.1:18001"), "", Duration.ofSeconds(1), 1000));
        assertThat(((WebServerApplicationContext) context).getWebServer().getPort()).isNotEqualTo(8005);
        assertThat(context.getBeanNamesForType(org.springframework.cloud.gateway.route.RouteLocator.class)).isEmpty();
        assertThat(context.getBeanNamesForType(javax.sql.DataSource.class)).isEmpty();
    }

    @Test
    void servesTheApplicationInProductionMode() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Tributary</title>").contains("VAADIN/build/");
        assertThat(page.body()).doesNotContain("vaadin-dev-tools");
    }

    @Test
    void exposesHealthAndPrometheus() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        HttpResponse<String> prometheus = get("/actuator/prometheus");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(origin.resolve(path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
