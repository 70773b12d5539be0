package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.api.client.TributaryClient;
import io.tributary.api.model.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster whose controller runs each run's worker in a JVM of its own ({@code process}
 * scheduler), with what its tests look at: jobs, their transitions and their worker processes.
 */
final class ProcessCluster implements AutoCloseable {
    /** Safety net for waits: a worker JVM starts in seconds, but the machine may be shared and slow. */
    static final Duration PATIENCE = Duration.ofMinutes(3);

    /** A row of {@code job_transitions}. */
    record Transition(long runId, String from, String to, String reason) {}

    final Path home;
    final EmbeddedCluster cluster;
    final TributaryClient client;

    private ProcessCluster(Path home, EmbeddedCluster cluster) {
        this.home = home;
        this.cluster = cluster;
        this.client = new TributaryClient(cluster.apiUrl());
    }

    /**
     * Starts the cluster with the process scheduler and {@code properties} on top. They go in as
     * system properties (EmbeddedCluster takes no others) only while the services start and bind them.
     */
    static ProcessCluster start(Path home, Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("tributary.controller.scheduler", "process");
        all.putIfAbsent("tributary.controller.process.worker-heap", "512MB");
        all.forEach(System::setProperty);
        try {
            return new ProcessCluster(home, EmbeddedCluster.start(
                    new EmbeddedCluster.Options(home, ServicePorts.ephemeral(), false, true)));
        } finally {
            all.keySet().forEach(System::clearProperty);
        }
    }

    Job job(String pipelineId) {
        return ClusterPipelines.job(client, pipelineId);
    }

    Job awaitState(String pipelineId, String... states) {
        List<String> wanted = List.of(states);
        await().atMost(PATIENCE).until(() -> wanted.contains(job(pipelineId).state()));
        return job(pipelineId);
    }

    /** Waits for the job to end and says that it finished, or why not. */
    void awaitFinished(String pipelineId) {
        Job job = awaitState(pipelineId, "Finished", "Failed", "Stopped");
        assertThat(job.state()).as("job %s: %s", job.id(), job.failureMessage().orElse("no failure"))
                .isEqualTo("Finished");
    }

    /** The (first) worker JVM of that run, while it lives. */
    static Optional<ProcessHandle> worker(String jobId, long runId) {
        return worker(jobId, runId, 0);
    }

    /** Worker JVM {@code index} of that run (a run wider than a worker's slots has several), while it lives. */
    static Optional<ProcessHandle> worker(String jobId, long runId, int index) {
        String argument = "--worker-id=" + jobId + "-" + runId + "-w" + index;
        return ProcessHandle.current().children()
                .filter(child -> child.info().arguments().map(arguments -> List.of(arguments).contains(argument))
                        .orElse(false))
                .findFirst();
    }

    /** Worker JVMs of the job still alive, of any run. */
    static List<ProcessHandle> workers(String jobId) {
        String argument = "--job-id=" + jobId;
        return ProcessHandle.current().children()
                .filter(child -> child.info().arguments().map(arguments -> List.of(arguments).contains(argument))
                        .orElse(false))
                .toList();
    }

    Path workerLog(String jobId, long runId) {
        return home.resolve("logs").resolve("workers").resolve(jobId + "-" + runId + "-w0.log");
    }

    /** Waits until the run's worker has registered (it says so in its log) and the job runs it. */
    ProcessHandle awaitRunningWorker(String pipelineId, String jobId, long afterRun) {
        await().atMost(PATIENCE).until(() -> {
            Job job = job(pipelineId);
            return job.state().equals("Running") && job.runId() > afterRun
                    && Files.exists(workerLog(jobId, job.runId()))
                    && Files.readString(workerLog(jobId, job.runId())).contains("registered with the controller");
        });
        return worker(jobId, job(pipelineId).runId()).orElseThrow(() -> new AssertionError(
                "job " + jobId + " runs run " + job(pipelineId).runId() + " but its worker process is gone"));
    }

    List<Transition> transitions(String jobId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(EmbeddedCluster.embeddedDatabaseUrl(home), "sa", "");
                PreparedStatement query = connection.prepareStatement(
                        "SELECT run_id, from_state, to_state, reason FROM job_transitions WHERE job_id = ? ORDER BY id")) {
            query.setString(1, jobId);
            List<Transition> transitions = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    transitions.add(new Transition(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getString(4)));
                }
            }
            return transitions;
        }
    }

    @Override
    public void close() {
        cluster.close();
    }
}
