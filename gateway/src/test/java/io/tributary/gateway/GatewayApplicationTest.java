package io.tributary.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindException;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The test classpath also holds Spring MVC, Tomcat, Vaadin, JDBC and H2, as the cluster's does. */
class GatewayApplicationTest {
    @Test
    void runsReactiveOnNettyBesideServletModulesWithItsOwnProperties() {
        try (ConfigurableApplicationContext context =
                GatewayApplication.builder().properties(Map.of("tributary.gateway.port", 0)).run()) {
            assertThat(context).isInstanceOf(ReactiveWebServerApplicationContext.class);
            assertThat(((ReactiveWebServerApplicationContext) context).getWebServer()).isInstanceOf(NettyWebServer.class);
            assertThat(context.getEnvironment().getProperty("spring.application.name")).isEqualTo("tributary-gateway");
            assertThat(context.getBeanNamesForType(com.vaadin.flow.spring.SpringBootAutoConfiguration.class)).isEmpty();
            assertThat(context.getBeanNamesForType(javax.sql.DataSource.class)).isEmpty();
            assertThat(context.getBean(GatewayRoutesProperties.class)).isEqualTo(new GatewayRoutesProperties(
                    URI.create("http://localhost:8001"), URI.create("http://localhost:8005")));
        }
    }

    @Test
    void aServiceThatIsDownAnswers502SayingWhich() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String down = "http://127.0.0.1:" + closedPort;
        // As the cluster launcher does: Tributary's settings as default properties.
        try (ConfigurableApplicationContext context = GatewayApplication.builder().properties(Map.of(
                        "tributary.gateway.port", 0, "tributary.gateway.api-url", down, "tributary.gateway.ui-url", down))
                .run()) {
            URI origin = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> api = http.send(HttpRequest.newBuilder(origin.resolve("/api/v1/pipelines")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> ui = http.send(HttpRequest.newBuilder(origin.resolve("/")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(api.statusCode()).isEqualTo(502);
            assertThat(api.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(api.body()).isEqualTo(
                    "{\"status\":502,\"message\":\"the Tributary API at " + down + " cannot be reached\"}");
            assertThat(ui.statusCode()).isEqualTo(502);
            assertThat(ui.body()).isEqualTo("the Tributary UI at " + down + " cannot be reached\n");
        }
    }

    @Test
    void rejectsAnApiUrlThatIsNotHttp() {
        assertThatThrownBy(() -> GatewayApplication.builder()
                        .run("--server.port=0", "--tributary.gateway.api-url=localhost:8001"))
                .isInstanceOfAny(ConfigurationPropertiesBindException.class, BeanCreationException.class)
                .rootCause()
                .hasMessageContaining("tributary.gateway.api-url must be an http(s) URL");
    }
}
