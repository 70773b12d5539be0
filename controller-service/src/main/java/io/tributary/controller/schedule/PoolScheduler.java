package io.tributary.controller.schedule;

import io.tributary.controller.rpc.WorkerHandle;
import io.tributary.controller.rpc.WorkerRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Schedules jobs onto long-lived workers that registered without a job (worker-service
 * containers, say): a run claims an idle worker with enough slots and gives it back when it ends.
 */
public final class PoolScheduler implements Scheduler {
    private final WorkerRegistry registry;
    private final Map<String, String> claims = new ConcurrentHashMap<>();

    public PoolScheduler(WorkerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public synchronized List<String> startWorkers(WorkerRequest request) throws SchedulingException {
        List<WorkerHandle> idle = registry.pooled().stream()
                .filter(worker -> !claims.containsKey(worker.workerId()))
                .filter(worker -> worker.slots() >= request.slotsPerWorker())
                .sorted(Comparator.comparingInt(WorkerHandle::slots))
                .limit(request.workers())
                .toList();
        if (idle.size() < request.workers()) {
            throw new SchedulingException("job " + request.jobId() + " needs " + request.workers() + " idle worker"
                    + (request.workers() == 1 ? "" : "s") + " with " + request.slotsPerWorker()
                    + " slots, but the pool has " + idle.size() + " (" + registry.pooled().size()
                    + " registered, " + claims.size() + " busy)", null);
        }
        String run = key(request.jobId(), request.runId());
        idle.forEach(worker -> claims.put(worker.workerId(), run));
        return idle.stream().map(WorkerHandle::workerId).toList();
    }

    @Override
    public synchronized void stopWorkers(String jobId, long runId) {
        String run = key(jobId, runId);
        claims.values().removeIf(run::equals);
    }

    private static String key(String jobId, long runId) {
        return jobId + "#" + runId;
    }
}
