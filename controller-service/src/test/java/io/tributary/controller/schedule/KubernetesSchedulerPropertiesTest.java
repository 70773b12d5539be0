package io.tributary.controller.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code tributary.controller.kubernetes.*} as the controller binds it: defaults, and errors that name the key. */
class KubernetesSchedulerPropertiesTest {
    private static final Map<String, String> REQUIRED = Map.of(
            "tributary.controller.kubernetes.controller-address", "tributary-controller:9190",
            "tributary.controller.kubernetes.namespace", "tributary",
            "tributary.controller.kubernetes.image", "tributary/controller-service:latest");

    @Test
    void theRequiredKeysAreEnoughAndTheRestHaveDefaults() {
        KubernetesSchedulerProperties properties = bind(Map.of());

        assertThat(properties).isEqualTo(new KubernetesSchedulerProperties("tributary-controller:9190", "tributary",
                "tributary/controller-service:latest", "IfNotPresent", "500m", "512Mi", Optional.empty(),
                "/app/app.jar", 8));
    }

    @Test
    void everyKeyBinds() {
        KubernetesSchedulerProperties properties = bind(Map.of(
                "tributary.controller.kubernetes.image-pull-policy", "Never",
                "tributary.controller.kubernetes.cpu-per-slot", "2",
                "tributary.controller.kubernetes.memory-per-slot", "1Gi",
                "tributary.controller.kubernetes.service-account", "workers",
                "tributary.controller.kubernetes.jar", "/opt/tributary.jar",
                "tributary.controller.kubernetes.slots-per-worker", "2"));

        assertThat(properties).isEqualTo(new KubernetesSchedulerProperties("tributary-controller:9190", "tributary",
                "tributary/controller-service:latest", "Never", "2", "1Gi", Optional.of("workers"),
                "/opt/tributary.jar", 2));
    }

    @Test
    void theControllerAddressMayListEveryControllerForWorkersToFindTheLeader() {
        String both = "tributary-controller-0.tributary-controller-headless:9190,"
                + "tributary-controller-1.tributary-controller-headless:9190";

        assertThat(bind(Map.of("tributary.controller.kubernetes.controller-address", both)).controllerAddress())
                .isEqualTo(both);
        assertThatThrownBy(() -> bind(Map.of("tributary.controller.kubernetes.controller-address",
                "tributary-controller-0:9190,tributary-controller-1")))
                .satisfies(e -> assertThat(messages(e)).contains("controller-address", "tributary-controller-1"));
    }

    @Test
    void aMissingRequiredKeyIsNamed() {
        for (String key : REQUIRED.keySet()) {
            Map<String, String> values = new HashMap<>(REQUIRED);
            values.remove(key);
            assertThatThrownBy(() -> KubernetesSchedulerProperties.bind(binder(values)))
                    .satisfies(e -> assertThat(messages(e)).as(key).contains(key));
        }
    }

    @Test
    void anInvalidValueIsNamedWithItsKey() {
        Map<String, String> invalid = Map.of(
                "tributary.controller.kubernetes.controller-address", "tributary-controller",
                "tributary.controller.kubernetes.namespace", "Tributary_Jobs",
                "tributary.controller.kubernetes.image-pull-policy", "sometimes",
                "tributary.controller.kubernetes.cpu-per-slot", "lots",
                "tributary.controller.kubernetes.memory-per-slot", "16Mi",
                "tributary.controller.kubernetes.slots-per-worker", "0");
        invalid.forEach((key, value) -> assertThatThrownBy(() -> bind(Map.of(key, value)))
                .satisfies(e -> assertThat(messages(e)).as(key).contains(key, value)));
    }

    private static KubernetesSchedulerProperties bind(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(REQUIRED);
        all.putAll(values);
        return KubernetesSchedulerProperties.bind(binder(all));
    }

    /** The binder wraps the record's own error: every message down the chain. */
    private static String messages(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static Binder binder(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values));
    }
}
