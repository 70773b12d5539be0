package io.tributary.worker;

import io.tributary.engine.connector.ConnectorRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main class of a worker JVM that the controller's {@code process} scheduler starts for one run
 * of a job. Plain Java rather than a Spring application: it serves no HTTP, and a run's restart
 * waits for this JVM to start. It registers, runs what it is told and ends when it is told to
 * (SIGTERM closes the worker) or when the controller that started it is gone.
 *
 * <p>Arguments, each {@code --name=value}: {@code controller} (host:port of the control plane),
 * {@code worker-id}, {@code job-id}, {@code run-id}, {@code slots}, and optionally
 * {@code parent-pid}, the controller's process id, and {@code advertise-host}, the address the
 * controller reaches this worker at (a pod's IP); without it the worker serves loopback only.
 */
public final class WorkerProcess {
    /** Exit code when the worker could not start or register; the controller shows it with the log's tail. */
    public static final int START_FAILED = 3;
    /** Exit code when the controller that started this worker is gone. */
    public static final int ORPHANED = 4;

    private static final Set<String> REQUIRED = Set.of("controller", "worker-id", "job-id", "run-id", "slots");
    private static final Set<String> KNOWN =
            Set.of("controller", "worker-id", "job-id", "run-id", "slots", "parent-pid", "advertise-host");

    private WorkerProcess() {}

    public static void main(String[] args) throws InterruptedException {
        // Without a configuration Logback logs every library's DEBUG lines: use the worker's own.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "tributary-worker-logback.xml");
        }
        Logger log = LoggerFactory.getLogger(WorkerProcess.class);
        WorkerConfig config;
        Optional<Long> parentPid;
        try {
            Map<String, String> options = parse(List.of(args));
            config = config(options);
            parentPid = Optional.ofNullable(options.get("parent-pid")).map(pid -> number("parent-pid", pid));
        } catch (IllegalArgumentException e) {
            System.err.println("tributary worker: " + e.getMessage());
            System.exit(START_FAILED);
            return;
        }
        // A controller killed outright runs no shutdown hook: its workers must not outlive it.
        parentPid.ifPresent(pid -> ProcessHandle.of(pid).map(ProcessHandle::onExit)
                .orElse(CompletableFuture.completedFuture(null))
                .thenRun(() -> {
                    log.warn("worker {}: the controller (process {}) is gone; exiting", config.workerId(), pid);
                    System.exit(ORPHANED);
                }));
        log.info("worker {} of job {} run {} starting; registering with the controller at {}", config.workerId(),
                config.jobId().orElseThrow(), config.runId(), config.controllerAddress());
        Worker worker;
        try {
            worker = Worker.start(config, ConnectorRegistry.load());
        } catch (RuntimeException e) {
            log.error("worker {} could not start or register with the controller at {}", config.workerId(),
                    config.controllerAddress(), e);
            System.exit(START_FAILED);
            return;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("worker {} shutting down", config.workerId());
            worker.close();
            closed.countDown();
        }, "worker-shutdown"));
        // The worker's threads (gRPC, subtasks) keep running; main has nothing left to do but wait.
        closed.await();
    }

    static Map<String, String> parse(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("arguments are --name=value, got '" + arg + "'");
            }
            String name = arg.substring(2, equals);
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown argument --" + name + "; known: "
                        + KNOWN.stream().sorted().toList());
            }
            options.put(name, arg.substring(equals + 1));
        }
        List<String> missing = REQUIRED.stream().filter(name -> !options.containsKey(name)).sorted().toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing arguments " + missing);
        }
        return options;
    }

    /**
     * A process worker runs beside the controller that started it and listens on loopback only; a
     * worker told its advertised host (a pod) listens on every interface and registers that host.
     */
    static WorkerConfig config(Map<String, String> options) {
        Optional<String> advertised = Optional.ofNullable(options.get("advertise-host"));
        return new WorkerConfig(options.get("worker-id"), options.get("controller"),
                advertised.isPresent() ? "0.0.0.0" : "127.0.0.1", advertised.orElse("127.0.0.1"), 0,
                Math.toIntExact(number("slots", options.get("slots"))), Optional.of(options.get("job-id")),
                number("run-id", options.get("run-id")), Duration.ofSeconds(2));
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, got '" + value + "'", e);
        }
    }
}
