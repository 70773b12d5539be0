package io.tributary.controller.schedule;

import io.tributary.controller.rpc.WorkerRegistry;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.worker.Worker;
import io.tributary.worker.WorkerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs workers inside the controller's JVM. They still register and take orders over gRPC on
 * loopback, exactly as a worker in its own container would, so the embedded default exercises the
 * production contract.
 */
public final class EmbeddedScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedScheduler.class);

    private final Supplier<String> controlPlaneAddress;
    private final WorkerRegistry registry;
    private final ConnectorRegistry connectors;
    private final Map<String, List<Worker>> workersByRun = new ConcurrentHashMap<>();

    /** @param controlPlaneAddress host:port of the running control plane, asked for when workers start */
    public EmbeddedScheduler(Supplier<String> controlPlaneAddress, WorkerRegistry registry, ConnectorRegistry connectors) {
        this.controlPlaneAddress = controlPlaneAddress;
        this.registry = registry;
        this.connectors = connectors;
    }

    @Override
    public List<String> startWorkers(WorkerRequest request) {
        List<String> ids = new ArrayList<>();
        List<Worker> started = workersByRun.computeIfAbsent(key(request.jobId(), request.runId()),
                k -> new CopyOnWriteArrayList<>());
        for (int i = 0; i < request.workers(); i++) {
            String workerId = request.jobId() + "-" + request.runId() + "-w" + i;
            ids.add(workerId);
            var config = new WorkerConfig(workerId, controlPlaneAddress.get(), "127.0.0.1", "127.0.0.1", 0,
                    request.slotsPerWorker(), Optional.of(request.jobId()), request.runId(), Duration.ofSeconds(2));
            // Worker.start blocks until the registration RPC returns, and the controller answers it
            // only once the supervisor has taken the registration: start off the caller's thread.
            Thread.ofVirtual().name("start-" + workerId).start(() -> {
                try {
                    Worker worker = Worker.start(config, connectors);
                    synchronized (workersByRun) {
                        if (workersByRun.get(key(request.jobId(), request.runId())) == started) {
                            started.add(worker);
                            return;
                        }
                    }
                    // The run was stopped while this worker was starting.
                    worker.close();
                } catch (RuntimeException e) {
                    LOG.warn("embedded worker {} did not start: {}", workerId, e.getMessage());
                }
            });
        }
        return ids;
    }

    @Override
    public void stopWorkers(String jobId, long runId) {
        List<Worker> workers;
        synchronized (workersByRun) {
            workers = workersByRun.remove(key(jobId, runId));
        }
        if (workers != null) {
            workers.forEach(worker -> {
                worker.close();
                registry.remove(worker.workerId());
            });
        }
    }

    @Override
    public void close() {
        workersByRun.values().forEach(workers -> workers.forEach(Worker::close));
        workersByRun.clear();
    }

    private static String key(String jobId, long runId) {
        return jobId + "#" + runId;
    }
}
