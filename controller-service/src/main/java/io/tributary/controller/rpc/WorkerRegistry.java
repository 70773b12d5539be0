package io.tributary.controller.rpc;

import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tributary.proto.control.RegisterWorkerRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The workers that have registered with this controller. */
@Component
public class WorkerRegistry implements AutoCloseable {
    private final Map<String, WorkerHandle> workers = new ConcurrentHashMap<>();

    public WorkerHandle register(RegisterWorkerRequest request) {
        var channel = NettyChannelBuilder.forTarget(request.getRpcAddress()).usePlaintext().build();
        // A worker that names no data address serves the data plane on its rpc port.
        String dataAddress = request.getDataAddress().isEmpty() ? request.getRpcAddress() : request.getDataAddress();
        var handle = new WorkerHandle(request.getWorkerId(), request.getJobId(), request.getRunId(),
                request.getRpcAddress(), dataAddress, request.getSlots(), request.getExecutionsList(), channel, System.nanoTime());
        WorkerHandle previous = workers.put(request.getWorkerId(), handle);
        if (previous != null) {
            previous.close();
        }
        return handle;
    }

    /** Records a heartbeat; false when the worker is not (or no longer) registered. */
    boolean heartbeat(String workerId) {
        WorkerHandle handle = workers.get(workerId);
        if (handle == null) {
            return false;
        }
        handle.heartbeat(System.nanoTime());
        return true;
    }

    /** Workers that registered without a job: the pool schedulers draw from. */
    public List<WorkerHandle> pooled() {
        return workers.values().stream().filter(worker -> worker.jobId().isEmpty()).toList();
    }

    /** Every registered worker, pooled or not. */
    public List<WorkerHandle> all() {
        return List.copyOf(workers.values());
    }

    public Optional<WorkerHandle> worker(String workerId) {
        return Optional.ofNullable(workers.get(workerId));
    }

    /** How many workers are registered now. */
    public int size() {
        return workers.size();
    }

    public void remove(String workerId) {
        WorkerHandle handle = workers.remove(workerId);
        if (handle != null) {
            handle.close();
        }
    }

    @Override
    public void close() {
        workers.values().forEach(WorkerHandle::close);
        workers.clear();
    }
}
