package io.tributary.controller.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.tributary.controller.job.JobEvent;
import io.tributary.controller.metrics.MetricsHistory;
import io.tributary.controller.output.OutputHub;
import io.tributary.controller.rpc.ControllerRpc;
import io.tributary.controller.rpc.WorkerRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * The process scheduler with real worker JVMs registering with a real control plane: they start,
 * register, are stopped politely, and a worker that dies or never starts is reported with its exit
 * code and the tail of its log.
 */
class ProcessSchedulerTest {
    private static final String JOB = "job_proc";
    /** Safety net only: a worker JVM registers within a few seconds. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    /** What the scheduler reported as exited: job, worker, description. */
    record Exit(String jobId, String workerId, String description) {}

    @TempDir
    Path logDir;

    final WorkerRegistry registry = new WorkerRegistry();
    final BlockingQueue<JobEvent> events = new LinkedBlockingQueue<>();
    final BlockingQueue<Exit> exits = new LinkedBlockingQueue<>();
    Server controlPlane;
    ProcessScheduler scheduler;

    @BeforeEach
    void startControlPlane() throws IOException {
        controlPlane = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new ControllerRpc(registry, (jobId, event) -> events.add(event), new OutputHub(), new MetricsHistory()))
                .build()
                .start();
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (scheduler != null) {
            scheduler.close();
        }
        registry.close();
        controlPlane.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aWorkerJvmRegistersForItsRunAndStopsGracefullyWhenTheRunEnds() throws Exception {
        scheduler = scheduler(List.of());

        List<String> ids = scheduler.startWorkers(new WorkerRequest(JOB, 7, 1, 2));

        assertThat(ids).containsExactly(JOB + "-7-w0");
        JobEvent.WorkerRegistered registered = nextRegistration();
        assertThat(registered.worker().workerId()).isEqualTo(ids.getFirst());
        assertThat(registered.worker().jobId()).isEqualTo(JOB);
        assertThat(registered.worker().runId()).isEqualTo(7);
        assertThat(registered.worker().slots()).isEqualTo(4);
        awaitLogLine(ids.getFirst(), "registered with the controller");
        ProcessHandle worker = workerProcess(ids.getFirst()).orElseThrow();
        assertThat(worker.info().arguments()).hasValueSatisfying(arguments -> assertThat(arguments)
                .contains("-Xmx128m", "--add-opens=java.base/java.nio=ALL-UNNAMED"));

        scheduler.stopWorkers(JOB, 7);

        assertThat(worker.isAlive()).as("stopWorkers returns once the worker is gone").isFalse();
        assertThat(registry.worker(ids.getFirst())).isEmpty();
        assertThat(Files.readString(logDir.resolve(ids.getFirst() + ".log")))
                .as("SIGTERM closed the worker rather than killing it").contains("shutting down");
        assertThat(exits).as("a stopped worker is no loss").isEmpty();
    }

    @Test
    void aWorkerKilledWhileItsRunHoldsItIsReportedWithItsExitCodeAndLog() throws Exception {
        scheduler = scheduler(List.of());
        String id = scheduler.startWorkers(new WorkerRequest(JOB, 1, 1, 1)).getFirst();
        nextRegistration();
        awaitLogLine(id, "registered with the controller");

        workerProcess(id).orElseThrow().destroyForcibly();

        Exit exit = nextExit();
        assertThat(exit.jobId()).isEqualTo(JOB);
        assertThat(exit.workerId()).isEqualTo(id);
        assertThat(exit.description()).contains("worker " + id).contains("exited with code 137")
                .contains("registered with the controller");
        scheduler.stopWorkers(JOB, 1);
        assertThat(exits).isEmpty();
    }

    @Test
    void aWorkerJvmThatCannotStartIsReportedWithWhatItSaid() throws Exception {
        scheduler = scheduler(List.of("-XX:+NoSuchTributaryOption"));
        String id = scheduler.startWorkers(new WorkerRequest(JOB, 3, 1, 1)).getFirst();

        Exit exit = nextExit();

        assertThat(exit.workerId()).isEqualTo(id);
        assertThat(exit.description()).contains("exited with code 1").contains("NoSuchTributaryOption");
        assertThat(logDir.resolve(id + ".log")).exists();
    }

    @Test
    void aRequestForWorkersLargerThanAWorkerJvmIsRefused() {
        scheduler = scheduler(List.of());

        assertThatThrownBy(() -> scheduler.startWorkers(new WorkerRequest(JOB, 1, 1, 5)))
                .isInstanceOf(Scheduler.SchedulingException.class)
                .hasMessageContaining("asks for workers with 5 slots")
                .hasMessageContaining("tributary.controller.process.slots-per-worker");
        assertThat(ProcessHandle.current().children().filter(child -> isWorker(child, JOB))).isEmpty();
    }

    @Test
    void aWorkerWhoseControllerIsGoneExitsByItself() throws Exception {
        Process standIn = new ProcessBuilder(WorkerCommand.ofCurrentJvm(properties(List.of())).java(), "-version")
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve("stand-in.log").toFile())
                .start();
        // The stand-in controller has ended (or soon will): the worker must not wait for it forever.
        Process worker = WorkerCommand.ofCurrentJvm(properties(List.of()))
                .forWorker("orphan", JOB, 1, 1, "127.0.0.1:1", standIn.pid())
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve("orphan.log").toFile())
                .start();
        try {
            assertThat(worker.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the orphan exits").isTrue();
            assertThat(worker.exitValue()).isEqualTo(4);
            assertThat(Files.readString(logDir.resolve("orphan.log"))).contains("the controller (process "
                    + standIn.pid() + ") is gone");
        } finally {
            worker.destroyForcibly();
        }
    }

    private ProcessScheduler scheduler(List<String> jvmOptions) {
        String address = "127.0.0.1:" + controlPlane.getPort();
        return new ProcessScheduler(properties(jvmOptions), () -> address, registry,
                (jobId, workerId, description) -> exits.add(new Exit(jobId, workerId, description)));
    }

    private ProcessSchedulerProperties properties(List<String> jvmOptions) {
        return new ProcessSchedulerProperties(4, DataSize.ofMegabytes(128), logDir, Duration.ofSeconds(30), jvmOptions);
    }

    private JobEvent.WorkerRegistered nextRegistration() throws InterruptedException, TimeoutException {
        JobEvent event = events.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        if (event == null) {
            throw new TimeoutException("no worker registered within " + PATIENCE + "; logs in " + logDir);
        }
        return (JobEvent.WorkerRegistered) event;
    }

    private Exit nextExit() throws InterruptedException, TimeoutException {
        Exit exit = exits.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        if (exit == null) {
            throw new TimeoutException("no worker exit reported within " + PATIENCE);
        }
        return exit;
    }

    private void awaitLogLine(String workerId, String line) {
        await().atMost(PATIENCE).until(() -> Files.readString(logDir.resolve(workerId + ".log")).contains(line));
    }

    static Optional<ProcessHandle> workerProcess(String workerId) {
        return ProcessHandle.current().children()
                .filter(child -> child.info().arguments()
                        .map(arguments -> List.of(arguments).contains("--worker-id=" + workerId))
                        .orElse(false))
                .findFirst();
    }

    private static boolean isWorker(ProcessHandle process, String jobId) {
        return process.info().arguments().map(arguments -> List.of(arguments).contains("--job-id=" + jobId))
                .orElse(false);
    }
}
