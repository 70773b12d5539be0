package io.tributary.controller.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.tributary.controller.rpc.WorkerRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kubernetes scheduler against fabric8's mock API server in CRUD mode: the pods it creates, the
 * pods it deletes, the end of a pod its run still holds, and the pods a new leader adopts.
 */
class KubernetesSchedulerTest {
    private static final String NAMESPACE = "tributary";
    private static final String CONTROLLER = "tributary-controller.tributary.svc:9190";
    /** Safety net only: the informer hears of a changed pod at once. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    record Exit(String jobId, String workerId, String description) {}

    final BlockingQueue<Exit> exits = new LinkedBlockingQueue<>();
    KubernetesMockServer server;
    /** The test's own view of the cluster; the scheduler has (and closes) another client. */
    KubernetesClient cluster;
    KubernetesScheduler scheduler;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        cluster = server.createClient();
        scheduler = scheduler();
    }

    private KubernetesScheduler scheduler() {
        var properties = new KubernetesSchedulerProperties(CONTROLLER, NAMESPACE, "ghcr.io/tributary/worker:1.0",
                "Always", "500m", "512Mi", Optional.of("tributary-worker"), "/app/app.jar", 8);
        return new KubernetesScheduler(properties, server.createClient(), new WorkerRegistry(),
                (jobId, workerId, description) -> exits.add(new Exit(jobId, workerId, description)));
    }

    /** The controller dies (its watch with it) and another leads, with a scheduler of its own; the pods stay. */
    private void leaderChanges() {
        scheduler.close();
        scheduler = scheduler();
    }

    @AfterEach
    void stop() {
        scheduler.close();
        cluster.close();
        server.destroy();
    }

    @Test
    void aWorkerIsAPodWithItsRunsLabelsResourcesByItsSlotsAndTheProcessSchedulersCommandLine() throws Exception {
        List<String> workers = scheduler.startWorkers(new WorkerRequest("job_Ab1", 3, 1, 4));

        assertThat(workers).containsExactly("job_Ab1-3-w0");
        Pod pod = single(podsOf("job_Ab1", 3));
        assertThat(pod.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "app.kubernetes.io/name", "tributary-worker", "tributary.io/job-id", "job_Ab1",
                "tributary.io/run-id", "3", "tributary.io/worker-id", "job_Ab1-3-w0"));
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("tributary-worker");
        Container container = single(pod.getSpec().getContainers());
        assertThat(container.getImage()).isEqualTo("ghcr.io/tributary/worker:1.0");
        assertThat(container.getImagePullPolicy()).isEqualTo("Always");
        // Four slots of 500m and 512Mi, requested and limited alike; three quarters of the memory is heap.
        for (Map<String, Quantity> resources : List.of(container.getResources().getRequests(),
                container.getResources().getLimits())) {
            assertThat(resources.get("cpu").getNumericalAmount()).isEqualByComparingTo("2");
            assertThat(resources.get("memory").getNumericalAmount())
                    .isEqualByComparingTo(new Quantity("2Gi").getNumericalAmount());
        }
        assertThat(container.getCommand()).containsExactly("java", "-Xmx1536m",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dloader.main=" + WorkerCommand.WORKER_MAIN,
                "org.springframework.boot.loader.launch.PropertiesLauncher", "--controller=" + CONTROLLER,
                "--worker-id=job_Ab1-3-w0", "--job-id=job_Ab1", "--run-id=3", "--slots=4",
                "--advertise-host=$(POD_IP)");
        assertThat(container.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .containsExactly(tuple("CLASSPATH", "/app/app.jar"), tuple("POD_IP", null));
        assertThat(container.getEnv().get(1).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
    }

    @Test
    void stoppingARunDeletesExactlyThatRunsPods() throws Exception {
        scheduler.startWorkers(new WorkerRequest("job_a", 1, 1, 1));
        scheduler.startWorkers(new WorkerRequest("job_a", 2, 1, 1));
        scheduler.startWorkers(new WorkerRequest("job_b", 1, 1, 1));

        scheduler.stopWorkers("job_a", 1);

        assertThat(podsOf("job_a", 1)).isEmpty();
        assertThat(podsOf("job_a", 2)).hasSize(1);
        assertThat(podsOf("job_b", 1)).hasSize(1);
    }

    @Test
    void aRunWiderThanOnePodsSlotsGetsAPodPerWorker() throws Exception {
        assertThat(scheduler.slotsPerWorker()).hasValue(8);
        List<String> workers = scheduler.startWorkers(new WorkerRequest("job_wide", 1, 2, 8));

        assertThat(workers).containsExactly("job_wide-1-w0", "job_wide-1-w1");
        assertThat(podsOf("job_wide", 1)).extracting(pod -> pod.getMetadata().getLabels().get("tributary.io/worker-id"))
                .containsExactlyInAnyOrder("job_wide-1-w0", "job_wide-1-w1");
        assertThat(podsOf("job_wide", 1)).allSatisfy(pod -> assertThat(single(pod.getSpec().getContainers()).getCommand())
                .contains("--slots=8"));
    }

    @Test
    void stoppingARunWithoutPodsIsFine() {
        scheduler.stopWorkers("job_none", 7);

        assertThat(cluster.pods().inNamespace(NAMESPACE).list().getItems()).isEmpty();
    }

    @Test
    void aSecondRunOfAJobGetsItsOwnPods() throws Exception {
        List<String> first = scheduler.startWorkers(new WorkerRequest("job_a", 1, 1, 2));
        List<String> second = scheduler.startWorkers(new WorkerRequest("job_a", 2, 1, 2));

        assertThat(first).doesNotContainAnyElementsOf(second);
        Pod one = single(podsOf("job_a", 1));
        Pod two = single(podsOf("job_a", 2));
        assertThat(one.getMetadata().getName()).isNotEqualTo(two.getMetadata().getName());
        assertThat(one.getMetadata().getLabels()).containsEntry("tributary.io/worker-id", "job_a-1-w0");
        assertThat(two.getMetadata().getLabels()).containsEntry("tributary.io/worker-id", "job_a-2-w0");
    }

    @Test
    void aPodThatFailsWhileItsRunHoldsItIsReportedOnceWithItsExitCode() throws Exception {
        scheduler.startWorkers(new WorkerRequest("job_f", 1, 1, 1));
        Pod pod = single(podsOf("job_f", 1));

        fail(pod);

        Exit exit = exits.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(exit).isNotNull();
        assertThat(exit.jobId()).isEqualTo("job_f");
        assertThat(exit.workerId()).isEqualTo("job_f-1-w0");
        assertThat(exit.description()).contains("worker job_f-1-w0", pod.getMetadata().getName(), "phase Failed",
                "container worker exited with code 3 (Error)");
        // Its deletion by the stop that recovery makes is no second report.
        scheduler.stopWorkers("job_f", 1);
        assertThat(podsOf("job_f", 1)).isEmpty();
        assertThat(exits).isEmpty();
    }

    @Test
    void aPodDeletedBehindTheControllersBackIsReported() throws Exception {
        scheduler.startWorkers(new WorkerRequest("job_d", 1, 1, 1));

        cluster.pods().inNamespace(NAMESPACE).resource(single(podsOf("job_d", 1))).delete();

        Exit exit = exits.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(exit).isNotNull();
        assertThat(exit.workerId()).isEqualTo("job_d-1-w0");
        assertThat(exit.description()).contains("was deleted");
    }

    @Test
    void aNewLeaderAdoptsARunsPodsWatchingThemAndStoppingThemAsItsOwn() throws Exception {
        List<String> workers = scheduler.startWorkers(new WorkerRequest("job_h", 2, 1, 1));
        Pod pod = single(podsOf("job_h", 2));

        leaderChanges();
        assertThat(scheduler.workersOutliveController()).isTrue();
        scheduler.adopt("job_h", 2, workers);

        assertThat(podsOf("job_h", 2)).as("the pod runs on").hasSize(1);
        assertThat(exits).isEmpty();
        fail(pod);
        Exit exit = exits.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(exit).as("the adopted pod's end, as the new leader's watch saw it").isNotNull();
        assertThat(exit.jobId()).isEqualTo("job_h");
        assertThat(exit.workerId()).isEqualTo("job_h-2-w0");
        scheduler.stopWorkers("job_h", 2);
        assertThat(podsOf("job_h", 2)).isEmpty();
        assertThat(exits).isEmpty();
    }

    @Test
    void aWorkerOfAnAdoptedRunWhosePodIsGoneIsReportedAtOnce() throws Exception {
        List<String> workers = scheduler.startWorkers(new WorkerRequest("job_g", 1, 2, 8));
        // Gone while no controller led: no watch saw it go.
        scheduler.close();
        Pod gone = podsOf("job_g", 1).stream()
                .filter(pod -> pod.getMetadata().getLabels().get("tributary.io/worker-id").equals("job_g-1-w1"))
                .findFirst().orElseThrow();
        cluster.pods().inNamespace(NAMESPACE).resource(gone).delete();
        scheduler = scheduler();

        scheduler.adopt("job_g", 1, workers);

        Exit exit = exits.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(exit).isNotNull();
        assertThat(exit.workerId()).isEqualTo("job_g-1-w1");
        assertThat(exit.description()).contains("adopted run 1 has no pod in namespace tributary");
        assertThat(exits).as("the other worker's pod runs").isEmpty();
    }

    @Test
    void aJobWhoseWorkerIdIsNoLabelValueIsRefusedBeforeAnyPodExists() {
        assertThatThrownBy(() -> scheduler.startWorkers(new WorkerRequest("job a", 1, 1, 1)))
                .isInstanceOf(Scheduler.SchedulingException.class)
                .hasMessageContaining("'job a-1-w0' is not a valid label value");
        assertThat(cluster.pods().inNamespace(NAMESPACE).list().getItems()).isEmpty();
    }

    private void fail(Pod pod) {
        Pod failed = new PodBuilder(pod)
                .withNewStatus()
                    .withPhase("Failed")
                    .addNewContainerStatus()
                        .withName("worker")
                        .withNewState().withNewTerminated().withExitCode(3).withReason("Error").endTerminated().endState()
                    .endContainerStatus()
                .endStatus()
                .build();
        cluster.pods().inNamespace(NAMESPACE).resource(failed).updateStatus();
    }

    private List<Pod> podsOf(String jobId, long runId) {
        return cluster.pods().inNamespace(NAMESPACE)
                .withLabel("tributary.io/job-id", jobId)
                .withLabel("tributary.io/run-id", Long.toString(runId))
                .list().getItems();
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.getFirst();
    }
}
