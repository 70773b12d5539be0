package io.tributary.controller.schedule;

import io.tributary.controller.rpc.WorkerHandle;
import io.tributary.controller.rpc.WorkerRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Schedules jobs onto long-lived workers that registered without a job (worker-service
 * containers, say): a run claims an idle worker with enough slots and gives it back when it ends.
 */
public final class PoolScheduler implements Scheduler {
    private final WorkerRegistry registry;
    private final Map<String, String> claims = new ConcurrentHashMap<>();
    /** Workers that re-registered running a previous leader's run, and whose run has since ended here. */
    private final Set<String> freed = ConcurrentHashMap.newKeySet();

    public PoolScheduler(WorkerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public synchronized List<String> startWorkers(WorkerRequest request) throws SchedulingException {
        List<WorkerHandle> idle = registry.pooled().stream()
                .filter(worker -> !claims.containsKey(worker.workerId()))
                // A run a previous leader started is its job's until that job adopts it or lets it go.
                .filter(worker -> worker.executions().isEmpty() || freed.contains(worker.workerId()))
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
    public boolean workersOutliveController() {
        return true;
    }

    @Override
    public synchronized void adopt(String jobId, long runId, List<String> workerIds) {
        String run = key(jobId, runId);
        workerIds.forEach(id -> claims.put(id, run));
    }

    @Override
    public synchronized void stopWorkers(String jobId, long runId) {
        String run = key(jobId, runId);
        claims.values().removeIf(run::equals);
        registry.pooled().stream()
                .filter(worker -> worker.executions().stream()
                        .anyMatch(execution -> execution.getJobId().equals(jobId) && execution.getRunId() == runId))
                .forEach(worker -> freed.add(worker.workerId()));
    }

    private static String key(String jobId, long runId) {
        return jobId + "#" + runId;
    }
}
