package io.tributary.controller.schedule;

import static java.util.Objects.requireNonNull;

import io.tributary.controller.rpc.WorkerRegistry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the workers of each run as child JVMs of the controller ({@code io.tributary.worker.WorkerProcess}),
 * which register over gRPC like any other worker. Their output goes to one log file per job, run
 * and worker. A child that ends while its run still has it is reported to the {@link ExitListener}
 * (the job recovers); stopping a run ends its children, politely first; and a controller that
 * exits takes its children with it.
 */
public final class ProcessScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessScheduler.class);
    private static final int TAIL_LINES = 15;
    private static final int TAIL_BYTES = 8192;
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    /** Told when a worker's process ends although its run was not stopped. */
    @FunctionalInterface
    public interface ExitListener {
        /** @param description what ended, its exit code and the last lines of its log */
        void workerExited(String jobId, String workerId, String description);
    }

    /** A worker JVM of a run. */
    private record Child(String jobId, long runId, String workerId, Process process, Path log) {}

    private final ProcessSchedulerProperties properties;
    private final WorkerCommand command;
    private final Supplier<String> controlPlaneAddress;
    private final WorkerRegistry registry;
    private final ExitListener exits;
    private final Map<String, List<Child>> childrenByRun = new ConcurrentHashMap<>();
    private final Thread shutdownHook;

    /** @param controlPlaneAddress host:port of the running control plane, asked for when workers start */
    public ProcessScheduler(ProcessSchedulerProperties properties, Supplier<String> controlPlaneAddress,
            WorkerRegistry registry, ExitListener exits) {
        this(properties, WorkerCommand.ofCurrentJvm(properties), controlPlaneAddress, registry, exits);
    }

    ProcessScheduler(ProcessSchedulerProperties properties, WorkerCommand command, Supplier<String> controlPlaneAddress,
            WorkerRegistry registry, ExitListener exits) {
        this.properties = requireNonNull(properties, "properties is null");
        this.command = requireNonNull(command, "command is null");
        this.controlPlaneAddress = requireNonNull(controlPlaneAddress, "controlPlaneAddress is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.exits = requireNonNull(exits, "exits is null");
        // The Spring context closes this scheduler on an orderly exit; the hook covers an exit that
        // skips it (System.exit, SIGTERM to a launcher without Spring's hook).
        this.shutdownHook = new Thread(this::stopAll, "process-scheduler-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override
    public OptionalInt slotsPerWorker() {
        return OptionalInt.of(properties.slotsPerWorker());
    }

    @Override
    public List<String> startWorkers(WorkerRequest request) throws SchedulingException {
        if (request.slotsPerWorker() > properties.slotsPerWorker()) {
            throw new SchedulingException("job " + request.jobId() + " asks for workers with " + request.slotsPerWorker()
                    + " slots, but a worker process has " + properties.slotsPerWorker()
                    + " (tributary.controller.process.slots-per-worker)", null);
        }
        try {
            Files.createDirectories(properties.logDir());
        } catch (IOException e) {
            throw new SchedulingException("cannot create the worker log directory " + properties.logDir() + ": " + e, e);
        }
        String address = controlPlaneAddress.get();
        long parentPid = ProcessHandle.current().pid();
        List<Child> started = new ArrayList<>();
        for (int i = 0; i < request.workers(); i++) {
            String workerId = request.jobId() + "-" + request.runId() + "-w" + i;
            Path log = properties.logDir().resolve(workerId + ".log");
            ProcessBuilder builder = command.forWorker(workerId, request.jobId(), request.runId(),
                            properties.slotsPerWorker(), address, parentPid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            try {
                Process process = builder.start();
                LOG.info("started worker {} as process {} (log {})", workerId, process.pid(), log);
                started.add(new Child(request.jobId(), request.runId(), workerId, process, log));
            } catch (IOException e) {
                started.forEach(child -> child.process().destroyForcibly());
                throw new SchedulingException("cannot start worker " + workerId + " (" + command.java() + "): "
                        + e.getMessage(), e);
            }
        }
        childrenByRun.put(key(request.jobId(), request.runId()), List.copyOf(started));
        // Watched only once the run holds them, so that an exit right away is not taken for a stop.
        started.forEach(child -> child.process().onExit().thenRun(() -> exited(child)));
        return started.stream().map(Child::workerId).toList();
    }

    private void exited(Child child) {
        if (!childrenByRun.getOrDefault(key(child.jobId(), child.runId()), List.of()).contains(child)) {
            return;
        }
        String description = "worker " + child.workerId() + " (process " + child.process().pid() + ") exited with code "
                + child.process().exitValue() + tail(child.log());
        LOG.warn("job {} run {}: {}", child.jobId(), child.runId(), description);
        exits.workerExited(child.jobId(), child.workerId(), description);
    }

    /** Ends the run's workers: SIGTERM lets them close their tasks, and those still there after the timeout are killed. */
    @Override
    public void stopWorkers(String jobId, long runId) {
        List<Child> children = childrenByRun.remove(key(jobId, runId));
        if (children != null) {
            children.forEach(child -> registry.remove(child.workerId()));
            end(children);
        }
    }

    private void end(List<Child> children) {
        children.forEach(child -> child.process().destroy());
        long deadline = System.nanoTime() + properties.shutdownTimeout().toNanos();
        try {
            for (Child child : children) {
                long remaining = Math.max(0, deadline - System.nanoTime());
                if (!child.process().waitFor(remaining, TimeUnit.NANOSECONDS)) {
                    LOG.warn("worker {} (process {}) did not exit within {} of SIGTERM; killing it", child.workerId(),
                            child.process().pid(), properties.shutdownTimeout());
                    child.process().destroyForcibly();
                    // SIGKILL cannot be refused, but is not instant: a stopped run leaves nothing running.
                    child.process().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            // No time left to be polite.
            children.forEach(child -> child.process().destroyForcibly());
            Thread.currentThread().interrupt();
        }
    }

    private void stopAll() {
        List<Child> all = new ArrayList<>();
        childrenByRun.keySet().forEach(run -> {
            List<Child> children = childrenByRun.remove(run);
            if (children != null) {
                all.addAll(children);
            }
        });
        end(all);
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // Closed from a shutdown hook: the JVM is on its way out, and the hook finds nothing left.
        }
    }

    /** The last lines of a worker's log, for a message about why it ended. */
    static String tail(Path log) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
            if (lines.isEmpty()) {
                return "; its log " + log + " is empty";
            }
            return "; last lines of its log " + log + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "; its log " + log + " cannot be read: " + e.getMessage();
        }
    }

    private static String key(String jobId, long runId) {
        return jobId + "#" + runId;
    }
}
