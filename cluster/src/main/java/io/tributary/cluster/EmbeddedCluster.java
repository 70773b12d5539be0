package io.tributary.cluster;

import static java.util.Objects.requireNonNull;

import io.tributary.compiler.CompilerServiceApplication;
import io.tributary.controller.ControllerServiceApplication;
import io.tributary.gateway.GatewayApplication;
import io.tributary.pipeline.PipelineServiceApplication;
import io.tributary.ui.UiApplication;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every Tributary service in this JVM, each in its own Spring context with its own port, talking
 * to the others over the same REST and gRPC contracts as when they run in separate containers.
 */
public final class EmbeddedCluster implements AutoCloseable {
    /**
     * Auto-configurations that the all-in-one classpath offers to every context but only one
     * service wants: without these exclusions each context would start a database, Vaadin or the
     * gateway of its own.
     */
    private static final List<String> DATABASE = List.of(
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");
    private static final List<String> JPA = List.of(
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");
    private static final List<String> VAADIN = List.of(
            "com.vaadin.flow.spring.SpringBootAutoConfiguration",
            "com.vaadin.flow.spring.SpringSecurityAutoConfiguration");

    /** What to start and where. */
    public record Options(Path home, ServicePorts ports, boolean withUi) {
        public Options {
            requireNonNull(home, "home is null");
            requireNonNull(ports, "ports is null");
        }
    }

    private final Options options;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    private EmbeddedCluster(Options options) {
        this.options = options;
    }

    public static EmbeddedCluster start(Options options) {
        EmbeddedCluster cluster = new EmbeddedCluster(options);
        try {
            cluster.startServices();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private void startServices() {
        ServicePorts ports = options.ports();
        String databaseUrl = "jdbc:h2:file:" + options.home().resolve("db").resolve("tributary").toAbsolutePath();
        Map<String, Object> shared = new HashMap<>();
        shared.put("tributary.home", options.home().toAbsolutePath().toString());
        shared.put("tributary.database.url", databaseUrl);
        shared.put("spring.main.banner-mode", "off");
        // The launcher closes the services itself, in order, after a running job has stopped.
        shared.put("spring.main.register-shutdown-hook", "false");

        // The pipeline service owns the schema: it migrates before the controller reads jobs.
        start(PipelineServiceApplication.builder(), shared, Map.of(
                "tributary.pipeline.port", ports.pipeline(),
                "tributary.pipeline.controller-url", local(ports.controller()).toString()), VAADIN);
        start(CompilerServiceApplication.builder(), shared, Map.of(
                "tributary.compiler.port", ports.compiler()), concat(DATABASE, VAADIN));
        start(ControllerServiceApplication.builder(), shared, Map.of(
                "tributary.controller.http-port", ports.controller(),
                "tributary.controller.grpc-port", ports.grpc(),
                "tributary.controller.compiler-url", local(ports.compiler()).toString()), concat(JPA, VAADIN));
        if (options.withUi()) {
            start(UiApplication.builder(), shared, Map.of(
                    "tributary.ui.port", ports.ui(),
                    "tributary.ui.api-url", local(ports.pipeline()).toString()), DATABASE);
            start(GatewayApplication.builder(), shared, Map.of(
                    "tributary.gateway.port", ports.gateway(),
                    "tributary.gateway.api-url", local(ports.pipeline()).toString(),
                    "tributary.gateway.ui-url", local(ports.ui()).toString()), concat(DATABASE, VAADIN));
        }
    }

    private void start(SpringApplicationBuilder builder, Map<String, Object> shared, Map<String, Object> own,
            List<String> excluded) {
        Map<String, Object> properties = new HashMap<>(shared);
        properties.putAll(own);
        properties.put("spring.autoconfigure.exclude", String.join(",", excluded));
        contexts.add(builder.properties(properties).run());
    }

    /** Where the REST API is, e.g. for {@code TributaryClient}. */
    public URI apiUrl() {
        return local(options.ports().pipeline());
    }

    /** The single origin users open: UI and API behind the gateway. */
    public URI gatewayUrl() {
        return local(options.ports().gateway());
    }

    private static URI local(int port) {
        return URI.create("http://localhost:" + port);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** Stops the services in the reverse order of their start: the controller stops jobs before the API goes. */
    @Override
    public void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).close();
        }
        contexts.clear();
    }
}
