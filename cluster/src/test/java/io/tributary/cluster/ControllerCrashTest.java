package io.tributary.cluster;

import static io.tributary.cluster.ClusterPipelines.assertFinished;
import static io.tributary.cluster.ClusterPipelines.awaitCheckpoint;
import static io.tributary.cluster.ClusterPipelines.create;
import static io.tributary.cluster.ClusterPipelines.job;
import static io.tributary.cluster.ClusterPipelines.rows;
import static io.tributary.cluster.ControllerFailoverTest.latestEpoch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.api.client.TributaryClient;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.pipeline.store.TestDatabases;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Controllers that crash: each one a JVM of its own on a real PostgreSQL, ended by SIGKILL while a
 * checkpointed job runs on a pool worker (in this JVM, beside the pipeline and compiler services).
 * The dead controller keeps its lease until it expires and says nothing to the worker; whoever
 * leads next — the standby, or the same controller started again — adopts the run: same run, same
 * worker, checkpoints going on at higher epochs, and the exactly-once file sink's output is every
 * row once.
 *
 * <p>By default one controller JVM is killed and a standby in this JVM takes over, over 40 s of
 * input. The soak profile ({@code -Psoak}) runs the slow cases: a standby JVM, and a controller
 * started again after the crash, each over two minutes of input.
 */
class ControllerCrashTest {
    /** Short, so that the crashed leader's runs out soon; not the shortest, which a loaded machine lets lapse. */
    private static final Duration LEASE = Duration.ofSeconds(5);
    /** 40 s of input: the run outlasts the lease running out and the standby adopting it, already started. */
    private static final int ROWS = 4_000;
    /**
     * 120 s of input: the run outlasts the crash, the lease running out and (restarting) a new
     * controller JVM's start, so checkpoints go on after the crash. (A run whose input ends in the
     * gap is adopted all the same: its worker reports the ends when it re-registers.)
     */
    private static final int SOAK_ROWS = 12_000;
    /** Covers the input and the failover on a slow machine. */
    private static final Duration TO_FINISH = Duration.ofMinutes(5);

    @TempDir
    Path home;

    private TestDatabases.Jdbc database;
    private ServicePorts ports;
    private ControllerProcess.Setup controllers;
    private EmbeddedCluster services;
    private TributaryClient client;
    private final List<AutoCloseable> running = new ArrayList<>();

    /** The pipeline and compiler services, on a fresh schema; the controllers are the tests' own. */
    @BeforeEach
    void startServices() {
        database = TestDatabases.postgresSchema();
        ports = ServicePorts.ephemeral();
        // EmbeddedCluster's database is a default that these system properties override while its services bind them.
        Map<String, String> onPostgres = Map.of(
                "tributary.database.url", database.url(),
                "tributary.database.username", database.user());
        onPostgres.forEach(System::setProperty);
        try {
            services = EmbeddedCluster.start(new EmbeddedCluster.Options(home, ports, false, true, false));
        } finally {
            onPostgres.keySet().forEach(System::clearProperty);
        }
        client = new TributaryClient(services.apiUrl());
        controllers = new ControllerProcess.Setup(home, database.url(), database.user(), ports.compiler(), LEASE);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable part : running.reversed()) {
            part.close();
        }
        services.close();
    }

    @Test
    void aStandbyInThisJvmAdoptsTheRunOfALeaderJvmKilledMidRun() throws Exception {
        standbyAdoptsTheRunOfALeaderKilledMidRun(ROWS, standbyPorts -> {
            ConfigurableApplicationContext standby = controllers.inThisJvm(standbyPorts.controller(),
                    standbyPorts.grpc());
            running.add(standby::close);
        });
    }

    @Tag("soak")
    @Test
    void aStandbyJvmAdoptsTheRunOfALeaderJvmKilledMidRun() throws Exception {
        standbyAdoptsTheRunOfALeaderKilledMidRun(SOAK_ROWS, standbyPorts -> controller("standby", standbyPorts));
    }

    /** Starts a standby controller on those ports. */
    private interface Standby {
        void start(ServicePorts on) throws Exception;
    }

    private void standbyAdoptsTheRunOfALeaderKilledMidRun(int rows, Standby standby) throws Exception {
        ServicePorts standbyPorts = ServicePorts.ephemeral();
        ControllerProcess leader = controller("leader", ports);
        Lease before = awaitLeader();
        standby.start(standbyPorts);
        poolWorker("127.0.0.1:" + ports.grpc() + ",127.0.0.1:" + standbyPorts.grpc());
        Checkpointed run = runUntilACheckpoint(rows);

        leader.kill();

        assertFinished(client, run.pipelineId(), TO_FINISH);
        assertThat(lease()).as("the standby took the lease over").satisfies(after -> {
            assertThat(after.holder()).isNotEqualTo(before.holder());
            assertThat(after.epoch()).isGreaterThan(before.epoch());
        });
        assertAdoptedAndExactlyOnce(run);
    }

    @Tag("soak")
    @Test
    void aControllerKilledMidRunAndStartedAgainAdoptsTheRun() throws Exception {
        ControllerProcess first = controller("first", ports);
        Lease before = awaitLeader();
        poolWorker("127.0.0.1:" + ports.grpc());
        Checkpointed run = runUntilACheckpoint(SOAK_ROWS);

        first.kill();
        // The same ports, so the worker finds it where it knew the first one.
        controller("restarted", ports);

        assertFinished(client, run.pipelineId(), TO_FINISH);
        assertThat(lease().epoch()).as("the restarted controller took the lease after it expired")
                .isGreaterThan(before.epoch());
        assertAdoptedAndExactlyOnce(run);
    }

    /** A running job of that many input rows, its sink file, and its latest checkpoint before the crash. */
    private record Checkpointed(String pipelineId, String jobId, int rows, Path output, long lastEpoch) {}

    /** Creates the checkpointed job and waits until it has completed a checkpoint. */
    private Checkpointed runUntilACheckpoint(int rows) {
        Path output = home.resolve("counts.json");
        String pipelineId = create(client, "crash", ControllerFailoverTest.query(rows, output),
                Optional.of(1_000_000L)).id();
        String jobId = job(client, pipelineId).id();
        awaitCheckpoint(client, pipelineId, jobId);
        return new Checkpointed(pipelineId, jobId, rows, output, latestEpoch(client, pipelineId, jobId));
    }

    private ControllerProcess controller(String name, ServicePorts on) throws Exception {
        ControllerProcess controller = ControllerProcess.start(name, controllers, on.controller(), on.grpc());
        running.add(controller);
        return controller;
    }

    /** A pool worker; it has registered with the leader when this returns, so a run can claim it. */
    private void poolWorker(String controllerAddresses) {
        running.add(Worker.start(new WorkerConfig("pool-1", controllerAddresses, "127.0.0.1", "127.0.0.1", 0, 4,
                Optional.empty(), 0, Duration.ofMillis(500)), ConnectorRegistry.load()));
    }

    /** The same run went on, never recovered, with checkpoints after the crash; every row is in the sink once. */
    private void assertAdoptedAndExactlyOnce(Checkpointed run) throws Exception {
        assertThat(latestEpoch(client, run.pipelineId(), run.jobId())).as("checkpoints went on after the crash")
                .isGreaterThan(run.lastEpoch());
        assertThat(job(client, run.pipelineId()).runId()).as("the run was adopted, not restarted").isEqualTo(1);
        assertThat(query("SELECT to_state FROM job_transitions WHERE job_id = ? ORDER BY id", run.jobId(),
                row -> row.getString(1)))
                .containsExactly("Compiling", "Scheduling", "Running", "Finishing", "Finished");
        assertThat(rows(run.output())).containsExactlyInAnyOrderElementsOf(ControllerFailoverTest.expectedRows(run.rows()));
    }

    /** The controller lease as the database holds it. */
    private record Lease(String holder, long epoch) {}

    private Lease awaitLeader() throws SQLException {
        await().atMost(ClusterPipelines.STARTUP).until(() -> !lease().holder().isEmpty());
        return lease();
    }

    private Lease lease() throws SQLException {
        return query("SELECT holder, epoch FROM controller_leases WHERE name = ?", "controller",
                row -> new Lease(row.getString(1), row.getLong(2))).getFirst();
    }

    /** Reads one value from the current row of a result. */
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private <T> List<T> query(String sql, String parameter, RowReader<T> reader) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            List<T> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(reader.read(rows));
                }
            }
            return values;
        }
    }
}
