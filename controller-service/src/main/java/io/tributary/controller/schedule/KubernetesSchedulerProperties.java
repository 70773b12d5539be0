package io.tributary.controller.schedule;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tributary.controller.kubernetes.*}: the worker pods of the {@code kubernetes} scheduler.
 * Bound only when that scheduler is chosen (see {@link #bind}), so that the keys it requires are
 * not required of a controller that schedules otherwise.
 *
 * @param controllerAddress host:port of the controllers' gRPC control plane as a pod reaches it,
 *     which workers register with; with a standby, every controller's, comma-separated (a worker
 *     registers with whichever leads, and again with the next leader when its controller dies)
 * @param namespace where worker pods are created
 * @param image the image the worker pods run: one holding Tributary's Spring Boot jar at {@code jar}
 *     (the controller-service and worker-service images both do)
 * @param imagePullPolicy {@code Always}, {@code IfNotPresent} or {@code Never}
 * @param cpuPerSlot the CPU a pod gets per slot of its worker (a Kubernetes quantity: {@code 500m}, {@code 2})
 * @param memoryPerSlot the memory a pod gets per slot of its worker ({@code 512Mi}, {@code 1Gi}); three
 *     quarters of it are the worker's heap
 * @param serviceAccount the service account of worker pods; the namespace's default when absent
 * @param jar where the Spring Boot jar is in the image
 * @param slotsPerWorker the most slots one worker pod has: a run that needs more is spread over
 *     several pods, its shuffles crossing them on the workers' data plane
 */
public record KubernetesSchedulerProperties(
        String controllerAddress,
        String namespace,
        String image,
        @DefaultValue("IfNotPresent") String imagePullPolicy,
        @DefaultValue("500m") String cpuPerSlot,
        @DefaultValue("512Mi") String memoryPerSlot,
        Optional<String> serviceAccount,
        @DefaultValue("/app/app.jar") String jar,
        @DefaultValue("8") int slotsPerWorker) {
    static final String PREFIX = "tributary.controller.kubernetes";
    private static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");
    private static final Pattern HOST_PORTS = Pattern.compile("[^:,\\s]+:\\d{1,5}(,[^:,\\s]+:\\d{1,5})*");
    /** RFC 1123 label: what Kubernetes accepts as a namespace name. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** A worker with less heap than this cannot hold one subtask's Arrow batches. */
    private static final BigDecimal SMALLEST_MEMORY = BigDecimal.valueOf(64L * 1024 * 1024);

    public KubernetesSchedulerProperties {
        if (controllerAddress == null || !HOST_PORTS.matcher(controllerAddress).matches()) {
            throw new IllegalArgumentException(PREFIX + ".controller-address must be host:port, or several "
                    + "comma-separated (the controllers' gRPC addresses as worker pods reach them), got "
                    + controllerAddress);
        }
        if (namespace == null || !DNS_LABEL.matcher(namespace).matches()) {
            throw new IllegalArgumentException(PREFIX + ".namespace must be a Kubernetes namespace name, got "
                    + namespace);
        }
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException(PREFIX + ".image is required: the image worker pods run");
        }
        if (!PULL_POLICIES.contains(imagePullPolicy)) {
            throw new IllegalArgumentException(PREFIX + ".image-pull-policy must be one of "
                    + PULL_POLICIES.stream().sorted().toList() + ", got " + imagePullPolicy);
        }
        positive("cpu-per-slot", cpuPerSlot);
        if (positive("memory-per-slot", memoryPerSlot).compareTo(SMALLEST_MEMORY) < 0) {
            throw new IllegalArgumentException(PREFIX + ".memory-per-slot must be at least 64Mi, got " + memoryPerSlot);
        }
        // The binder leaves an unset Optional null.
        serviceAccount = Optional.ofNullable(serviceAccount).flatMap(account -> account.filter(name -> !name.isBlank()));
        requireNonNull(jar, PREFIX + ".jar is null");
        if (slotsPerWorker < 1) {
            throw new IllegalArgumentException(PREFIX + ".slots-per-worker must be at least 1, got " + slotsPerWorker);
        }
    }

    /** Binds {@code tributary.controller.kubernetes.*}; a missing or invalid key fails naming it. */
    static KubernetesSchedulerProperties bind(Binder binder) {
        return binder.bindOrCreate(PREFIX, KubernetesSchedulerProperties.class);
    }

    Quantity cpu(int slots) {
        return times(cpuPerSlot, slots);
    }

    Quantity memory(int slots) {
        return times(memoryPerSlot, slots);
    }

    private static Quantity times(String perSlot, int slots) {
        return new Quantity(new Quantity(perSlot).getNumericalAmount().multiply(BigDecimal.valueOf(slots))
                .stripTrailingZeros().toPlainString());
    }

    private static BigDecimal positive(String key, String quantity) {
        BigDecimal amount;
        try {
            amount = new Quantity(requireNonNull(quantity, PREFIX + "." + key + " is null")).getNumericalAmount();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(PREFIX + "." + key + " must be a Kubernetes quantity, got " + quantity, e);
        }
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException(PREFIX + "." + key + " must be positive, got " + quantity);
        }
        return amount;
    }
}
