package io.tributary.controller.schedule;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.tributary.controller.rpc.WorkerRegistry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the workers of each run as pods ({@code io.tributary.worker.WorkerProcess}, the same
 * command line as the {@code process} scheduler's children), which register over gRPC like any
 * other worker. A pod is sized by its worker's slots, never restarts (a failed run is recovered by
 * the supervisor, from a checkpoint, with a new run), and is found again by its labels. A pod that
 * ends or disappears while its run still has it is reported to the {@link ProcessScheduler.ExitListener}
 * (the job recovers at once, as for a process that exits); stopping a run deletes its pods.
 *
 * <p>Pods outlive their controller: their workers know every controller's address and register
 * with the next leader, which adopts their run and finds its pods by their job and run labels.
 */
public final class KubernetesScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesScheduler.class);

    static final String APP_LABEL = "app.kubernetes.io/name";
    static final String APP = "tributary-worker";
    static final String JOB_LABEL = "tributary.io/job-id";
    static final String RUN_LABEL = "tributary.io/run-id";
    static final String WORKER_LABEL = "tributary.io/worker-id";
    static final String CONTAINER = "worker";
    /** The pod's IP, from the downward API: the address the worker registers with. */
    static final String POD_IP = "POD_IP";
    /**
     * The Java release of the images (controller-service and worker-service Dockerfiles), which is
     * the release the build targets; it decides which JVM flags the worker's command line has.
     */
    private static final int IMAGE_JAVA_RELEASE = 21;
    private static final int TAIL_LINES = 15;
    /** Label values: at most 63 characters, alphanumeric at both ends. */
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");
    private static final BigDecimal MEBIBYTE = BigDecimal.valueOf(1024L * 1024);

    /** The workers of a run, and those of them whose end would still be news. */
    private record Run(List<String> workerIds, Set<String> live) {}

    private final KubernetesSchedulerProperties properties;
    private final KubernetesClient client;
    private final WorkerRegistry registry;
    private final ProcessScheduler.ExitListener exits;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final SharedIndexInformer<Pod> informer;

    /**
     * Watches the namespace's worker pods from here on, and so fails at once when this controller
     * may not (its service account lacks the Role in {@code deploy/kubernetes}).
     *
     * @param client closed with this scheduler
     */
    public KubernetesScheduler(KubernetesSchedulerProperties properties, KubernetesClient client,
            WorkerRegistry registry, ProcessScheduler.ExitListener exits) {
        this.properties = requireNonNull(properties, "properties is null");
        this.client = requireNonNull(client, "client is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.exits = requireNonNull(exits, "exits is null");
        try {
            this.informer = pods().withLabel(APP_LABEL, APP).inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(Pod pod) {
                    changed(pod);
                }

                @Override
                public void onUpdate(Pod before, Pod pod) {
                    changed(pod);
                }

                @Override
                public void onDelete(Pod pod, boolean finalStateUnknown) {
                    ended(pod, "was deleted");
                }
            }, 0);
        } catch (KubernetesClientException e) {
            client.close();
            throw new IllegalStateException("the kubernetes scheduler cannot watch worker pods in namespace "
                    + properties.namespace() + " at " + client.getMasterUrl() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public OptionalInt slotsPerWorker() {
        return OptionalInt.of(properties.slotsPerWorker());
    }

    @Override
    public List<String> startWorkers(WorkerRequest request) throws SchedulingException {
        List<String> workerIds = new ArrayList<>();
        for (int i = 0; i < request.workers(); i++) {
            workerIds.add(request.jobId() + "-" + request.runId() + "-w" + i);
        }
        // Pods are found by these labels; Kubernetes refuses a pod whose labels are not label values.
        for (String value : workerIds) {
            if (!LABEL_VALUE.matcher(value).matches()) {
                throw new SchedulingException("job " + request.jobId() + " cannot run on Kubernetes: its worker id '"
                        + value + "' is not a valid label value", null);
            }
        }
        // Held before the pods exist, so that a pod failing straight away is reported.
        Set<String> live = ConcurrentHashMap.newKeySet();
        live.addAll(workerIds);
        runs.put(key(request.jobId(), Long.toString(request.runId())), new Run(List.copyOf(workerIds), live));
        for (String workerId : workerIds) {
            Pod pod = pod(request, workerId);
            try {
                Pod created = pods().resource(pod).create();
                LOG.info("started worker {} as pod {}/{}", workerId, properties.namespace(), created.getMetadata().getName());
            } catch (KubernetesClientException e) {
                stopWorkers(request.jobId(), request.runId());
                throw new SchedulingException("cannot create the pod of worker " + workerId + " in namespace "
                        + properties.namespace() + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(workerIds);
    }

    /** The worker's pod: the process scheduler's command line, no parent to outlive, resources by slots. */
    Pod pod(WorkerRequest request, String workerId) {
        int slots = request.slotsPerWorker();
        Quantity memory = properties.memory(slots);
        // The JVM needs room beside its heap (metaspace, threads, Arrow's direct buffers).
        long heapMegabytes = memory.getNumericalAmount().multiply(BigDecimal.valueOf(3))
                .divide(BigDecimal.valueOf(4)).divideToIntegralValue(MEBIBYTE).longValueExact();
        WorkerCommand command = new WorkerCommand("java", properties.jar(), true, IMAGE_JAVA_RELEASE, heapMegabytes,
                List.of(), WorkerCommand.WORKER_MAIN);
        Map<String, Quantity> resources = Map.of("cpu", properties.cpu(slots), "memory", memory);
        return new PodBuilder()
                .withNewMetadata()
                    .withGenerateName(APP + "-")
                    .withNamespace(properties.namespace())
                    .addToLabels(APP_LABEL, APP)
                    .addToLabels(JOB_LABEL, request.jobId())
                    .addToLabels(RUN_LABEL, Long.toString(request.runId()))
                    .addToLabels(WORKER_LABEL, workerId)
                .endMetadata()
                .withNewSpec()
                    .withRestartPolicy("Never")
                    .withServiceAccountName(properties.serviceAccount().orElse(null))
                    .addNewContainer()
                        .withName(CONTAINER)
                        .withImage(properties.image())
                        .withImagePullPolicy(properties.imagePullPolicy())
                        .withCommand(withAdvertisedPodIp(command.commandLine(workerId, request.jobId(),
                                request.runId(), slots, properties.controllerAddress(), Optional.empty())))
                        .addNewEnv().withName("CLASSPATH").withValue(properties.jar()).endEnv()
                        .addNewEnv().withName(POD_IP).withNewValueFrom().withNewFieldRef()
                                .withFieldPath("status.podIP").endFieldRef().endValueFrom().endEnv()
                        .withNewResources().withRequests(resources).withLimits(resources).endResources()
                    .endContainer()
                .endSpec()
                .build();
    }

    @Override
    public boolean workersOutliveController() {
        return true;
    }

    /**
     * Watches the pods of a run a previous leader started, found by the run's labels, as if this
     * controller had started them; a worker whose pod is gone or has ended already is reported at once.
     */
    @Override
    public void adopt(String jobId, long runId, List<String> workerIds) {
        String run = Long.toString(runId);
        Set<String> live = ConcurrentHashMap.newKeySet();
        live.addAll(workerIds);
        runs.put(key(jobId, run), new Run(List.copyOf(workerIds), live));
        List<Pod> found;
        try {
            found = pods().withLabel(APP_LABEL, APP).withLabel(JOB_LABEL, jobId).withLabel(RUN_LABEL, run).list()
                    .getItems();
        } catch (KubernetesClientException e) {
            LOG.warn("cannot list the pods of job {}'s adopted run {} in namespace {}; their ends are reported as the "
                    + "watch sees them: {}", jobId, runId, properties.namespace(), e.getMessage());
            return;
        }
        Set<String> withPods = found.stream().map(pod -> pod.getMetadata().getLabels().get(WORKER_LABEL))
                .collect(Collectors.toSet());
        for (String workerId : workerIds) {
            if (!withPods.contains(workerId) && live.remove(workerId)) {
                String description = "worker " + workerId + " of adopted run " + runId + " has no pod in namespace "
                        + properties.namespace();
                LOG.warn("job {}: {}", jobId, description);
                exits.workerExited(jobId, workerId, description);
            }
        }
        found.forEach(this::changed);
    }

    /** The controller dials the worker at the address it registers: the pod's IP, expanded by Kubernetes. */
    private static List<String> withAdvertisedPodIp(List<String> commandLine) {
        List<String> withHost = new ArrayList<>(commandLine);
        withHost.add("--advertise-host=$(" + POD_IP + ")");
        return withHost;
    }

    /** Deletes the run's pods; Kubernetes sends them SIGTERM, which closes their workers, and kills them after the grace period. */
    @Override
    public void stopWorkers(String jobId, long runId) {
        Run run = runs.remove(key(jobId, Long.toString(runId)));
        if (run != null) {
            run.workerIds().forEach(registry::remove);
        }
        try {
            pods().withLabel(APP_LABEL, APP)
                    .withLabel(JOB_LABEL, jobId)
                    .withLabel(RUN_LABEL, Long.toString(runId))
                    .delete();
        } catch (KubernetesClientException e) {
            // The run is over for the controller either way; a pod left behind ends when its worker
            // finds the controller no longer knows it, and shows in `kubectl get pods -l ...`.
            LOG.warn("cannot delete the pods of job {} run {} in namespace {}: {}", jobId, runId,
                    properties.namespace(), e.getMessage());
        }
    }

    private void changed(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Failed".equals(phase) || "Succeeded".equals(phase)) {
            ended(pod, "ended (phase " + phase + ")" + terminations(pod));
        }
    }

    /** Reports a pod's end once, and only while its run holds it: a stopped run's pods end as they should. */
    private void ended(Pod pod, String what) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        String jobId = labels.get(JOB_LABEL);
        String workerId = labels.get(WORKER_LABEL);
        Run run = runs.get(key(jobId, labels.get(RUN_LABEL)));
        if (run == null || !run.live().remove(workerId)) {
            return;
        }
        String description = "worker " + workerId + " (pod " + properties.namespace() + "/" + pod.getMetadata().getName()
                + ") " + what + tail(pod);
        LOG.warn("job {} run {}: {}", jobId, labels.get(RUN_LABEL), description);
        exits.workerExited(jobId, workerId, description);
    }

    /** What Kubernetes says about the end: eviction, out of memory, exit code. */
    private static String terminations(Pod pod) {
        String reason = Optional.ofNullable(pod.getStatus().getReason())
                .map(r -> ": " + r + Optional.ofNullable(pod.getStatus().getMessage()).map(m -> " (" + m + ")").orElse(""))
                .orElse("");
        String containers = Optional.ofNullable(pod.getStatus().getContainerStatuses()).orElse(List.of()).stream()
                .filter(status -> status.getState() != null && status.getState().getTerminated() != null)
                .map(KubernetesScheduler::termination)
                .collect(Collectors.joining("; "));
        return reason + (containers.isEmpty() ? "" : "; " + containers);
    }

    private static String termination(ContainerStatus status) {
        ContainerStateTerminated terminated = status.getState().getTerminated();
        return "container " + status.getName() + " exited with code " + terminated.getExitCode()
                + Optional.ofNullable(terminated.getReason()).map(r -> " (" + r + ")").orElse("");
    }

    /** The last lines of the worker's log, as the process scheduler gives them. */
    private String tail(Pod pod) {
        try {
            String log = pods().withName(pod.getMetadata().getName()).inContainer(CONTAINER).tailingLines(TAIL_LINES)
                    .getLog();
            return log == null || log.isBlank() ? "; its log is empty" : "; last lines of its log:\n" + log.strip();
        } catch (KubernetesClientException e) {
            return "; its log cannot be read: " + e.getMessage();
        }
    }

    private NonNamespaceOperation<Pod, PodList, PodResource> pods() {
        return client.pods().inNamespace(properties.namespace());
    }

    @Override
    public void close() {
        informer.close();
        client.close();
    }

    private static String key(String jobId, String runId) {
        return jobId + "#" + runId;
    }
}
