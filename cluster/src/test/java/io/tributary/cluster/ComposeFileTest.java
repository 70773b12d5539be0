package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.compiler.CompilerProperties;
import io.tributary.controller.ControllerProperties;
import io.tributary.gateway.GatewayRoutesProperties;
import io.tributary.pipeline.PipelineServiceProperties;
import io.tributary.ui.UiProperties;
import io.tributary.worker.WorkerProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.PropertySourcesPropertyResolver;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose stack must name every service, publish the ports each really binds under the
 * environment compose gives it, and set only environment variables that some property of that
 * service reads.
 */
class ComposeFileTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z0-9.\\-]+)");

    /** A service as built: the properties file it reads and its configuration records. */
    private record Service(String propertiesName, List<Class<? extends Record>> configuration, List<String> extraPortProperties) {}

    private static final Map<String, Service> SERVICES = Map.of(
            "pipeline-service", new Service("pipeline", List.of(PipelineServiceProperties.class), List.of()),
            "compiler-service", new Service("compiler", List.of(CompilerProperties.class), List.of()),
            "controller-service", new Service("controller", List.of(ControllerProperties.class),
                    List.of("tributary.controller.grpc-port")),
            "worker-service", new Service("worker", List.of(WorkerProperties.class), List.of("tributary.worker.rpc-port")),
            "ui", new Service("ui", List.of(UiProperties.class), List.of()),
            "gateway", new Service("gateway", List.of(GatewayRoutesProperties.class), List.of()));

    @Test
    void composeNamesEveryServiceAndPostgres() throws IOException {
        Set<String> expected = new HashSet<>(SERVICES.keySet());
        expected.add("postgres");

        assertThat(services().keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyServicePublishesThePortsItBinds() throws IOException {
        services().forEach((name, definition) -> {
            Service service = SERVICES.get(name);
            if (service == null) {
                return;
            }
            var resolver = resolver(service, environment(definition));
            List<String> bound = new ArrayList<>();
            bound.add(resolver.getProperty("server.port"));
            service.extraPortProperties().forEach(property -> bound.add(boundPort(service, environment(definition), property)));
            assertThat(containerPorts(definition)).as("ports of %s", name).containsAll(bound);
        });
    }

    @Test
    void everyEnvironmentVariableIsReadByItsService() throws IOException {
        services().forEach((name, definition) -> {
            Service service = SERVICES.get(name);
            if (service == null) {
                return;
            }
            Set<String> readable = readableProperties(service);
            environment(definition).keySet().stream()
                    .filter(variable -> variable.startsWith("TRIBUTARY_"))
                    .forEach(variable -> assertThat(readable).as("%s sets %s", name, variable).contains(canonical(variable)));
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of("..", "docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            return (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> definition) {
        return Optional.ofNullable((Map<String, Object>) definition.get("environment")).map(HashMap::new)
                .orElseGet(HashMap::new);
    }

    @SuppressWarnings("unchecked")
    private static List<String> containerPorts(Map<String, Object> definition) {
        return ((List<String>) definition.getOrDefault("ports", List.of())).stream()
                .map(mapping -> mapping.substring(mapping.lastIndexOf(':') + 1))
                .toList();
    }

    private static PropertySourcesPropertyResolver resolver(Service service, Map<String, Object> environment) {
        return new PropertySourcesPropertyResolver(sources(service, environment));
    }

    private static MutablePropertySources sources(Service service, Map<String, Object> environment) {
        MutablePropertySources sources = new MutablePropertySources();
        Map<String, Object> env = new HashMap<>();
        environment.forEach((key, value) -> env.put(key, String.valueOf(value)));
        sources.addLast(new SystemEnvironmentPropertySource("compose", env));
        sources.addLast(new PropertiesPropertySource(service.propertiesName(), properties(service)));
        return sources;
    }

    /** A port a configuration record binds: from the environment, else the record's default. */
    private static String boundPort(Service service, Map<String, Object> environment, String property) {
        Binder binder = new Binder(ConfigurationPropertySources.from(sources(service, environment)));
        for (Class<? extends Record> type : service.configuration()) {
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            if (property.startsWith(prefix + ".")) {
                Object bound = binder.bindOrCreate(prefix, type);
                String component = property.substring(prefix.length() + 1);
                return Arrays.stream(type.getRecordComponents())
                        .filter(c -> kebab(c.getName()).equals(component))
                        .map(c -> String.valueOf(invoke(c.getAccessor(), bound)))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(type.getSimpleName() + " has no " + component));
            }
        }
        throw new AssertionError("no configuration record of " + service.propertiesName() + " binds " + property);
    }

    private static Set<String> readableProperties(Service service) {
        Set<String> readable = new HashSet<>();
        properties(service).values().forEach(value -> {
            Matcher matcher = PLACEHOLDER.matcher(String.valueOf(value));
            while (matcher.find()) {
                readable.add(canonical(matcher.group(1)));
            }
        });
        for (Class<? extends Record> type : service.configuration()) {
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            Arrays.stream(type.getRecordComponents())
                    .forEach(component -> readable.add(canonical(prefix + "." + kebab(component.getName()))));
        }
        return readable;
    }

    private static Properties properties(Service service) {
        Properties properties = new Properties();
        try (InputStream in = ComposeFileTest.class.getResourceAsStream("/" + service.propertiesName() + ".properties")) {
            assertThat(in).as("%s.properties on the classpath", service.propertiesName()).isNotNull();
            properties.load(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return properties;
    }

    /** Relaxed binding's view of a name: TRIBUTARY_PIPELINE_CONTROLLER_URL and tributary.pipeline.controller-url meet here. */
    private static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[._-]", "");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Object invoke(java.lang.reflect.Method accessor, Object target) {
        try {
            return accessor.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
