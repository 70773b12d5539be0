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
     * Auto-configurations that the all-in-one classpath offers to every context but only some
     * services want: without these exclusions each context would start a database or Vaadin of its
     * own. (The UI and the gateway declare their own exclusions.)
     */
    static final List<String> VAADIN = List.of(
            "com.vaadin.flow.spring.SpringBootAutoConfiguration",
            "com.vaadin.flow.spring.SpringSecurityAutoConfiguration",
            "com.vaadin.flow.spring.VaadinScopesConfig");
    static final List<String> MIGRATIONS = List.of(
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");
    private static final List<String> DATABASE = concat(List.of(
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration"), MIGRATIONS);

    /**
     * What to start and where.
     *
     * @param quiet log only warnings, for a command whose output is the user's (tributary run)
     * @param withController whether a controller runs in this JVM; without one, controllers of their
     *     own (other processes, sharing the database) run the jobs
     */
    public record Options(Path home, ServicePorts ports, boolean withUi, boolean quiet, boolean withController) {
        public Options {
            requireNonNull(home, "home is null");
            requireNonNull(ports, "ports is null");
        }

        /** Every service in this JVM, the controller included. */
        public Options(Path home, ServicePorts ports, boolean withUi, boolean quiet) {
            this(home, ports, withUi, quiet, true);
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
        // Defaults a user may still override (TRIBUTARY_DATABASE_URL points the cluster at PostgreSQL).
        Map<String, Object> defaults = new HashMap<>(Map.of(
                "tributary.home", options.home().toAbsolutePath().toString(),
                "tributary.database.url", embeddedDatabaseUrl(options.home()),
                "spring.main.banner-mode", "off",
                // Logging is set up once per JVM: one service's name on every line would mislead.
                "logging.include-application-name", "false",
                // The launcher closes the services itself, in order, after a running job has stopped.
                "spring.main.register-shutdown-hook", "false"));
        if (options.quiet()) {
            defaults.put("logging.level.root", "WARN");
            // Flyway warns that H2 is newer than the versions it was verified with: not the user's concern.
            defaults.put("logging.level.org.flywaydb", "ERROR");
            defaults.put("spring.main.log-startup-info", "false");
        }

        // Spring Cloud Gateway refuses to share a servlet context: only the gateway's context has it.
        Map<String, Object> servlet = new HashMap<>(defaults);
        servlet.put("spring.cloud.gateway.server.webflux.enabled", "false");

        // The pipeline service owns the schema: it migrates before the controller reads jobs.
        start(PipelineServiceApplication.builder(), servlet, VAADIN, Map.of(
                "server.port", ports.pipeline(),
                "tributary.pipeline.controller-url", local(ports.controller()),
                "tributary.pipeline.compiler-url", local(ports.compiler())));
        // springdoc is on the shared class path for the pipeline service's API document only.
        servlet.put("springdoc.api-docs.enabled", "false");
        servlet.put("springdoc.swagger-ui.enabled", "false");
        start(CompilerServiceApplication.builder(), servlet, concat(DATABASE, VAADIN), Map.of(
                "server.port", ports.compiler()));
        if (options.withController()) {
            start(ControllerServiceApplication.builder(), servlet, concat(MIGRATIONS, VAADIN), Map.of(
                    "server.port", ports.controller(),
                    "tributary.controller.grpc-port", ports.grpc(),
                    "tributary.controller.compiler-url", local(ports.compiler())));
        }
        if (options.withUi()) {
            defaults.put("springdoc.api-docs.enabled", "false");
            defaults.put("springdoc.swagger-ui.enabled", "false");
            start(UiApplication.builder(), defaults, List.of(), Map.of(
                    "server.port", ports.ui(),
                    "tributary.ui.api-url", local(ports.pipeline())));
            start(GatewayApplication.builder(), defaults, List.of(), Map.of(
                    "server.port", ports.gateway(),
                    "tributary.gateway.api-url", local(ports.pipeline()),
                    "tributary.gateway.ui-url", local(ports.ui())));
        }
    }

    /**
     * Starts one service. {@code wiring} (ports and the other services' addresses) is passed as
     * command-line arguments, which take precedence over the service's own properties file: in one
     * JVM the services must find each other where the launcher put them.
     */
    private void start(SpringApplicationBuilder builder, Map<String, Object> defaults, List<String> excluded,
            Map<String, Object> wiring) {
        Map<String, Object> properties = new HashMap<>(defaults);
        properties.put("spring.autoconfigure.exclude", String.join(",", excluded));
        String[] args = wiring.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        contexts.add(builder.properties(properties).run(args));
    }

    /** The H2 file database kept under {@code home}, unless the user points the services elsewhere. */
    static String embeddedDatabaseUrl(Path home) {
        // H2 would close itself in its own shutdown hook, under a job still stopping on Ctrl-C.
        return "jdbc:h2:file:" + home.resolve("db").resolve("tributary").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
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

    static List<String> concat(List<String> first, List<String> second) {
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
