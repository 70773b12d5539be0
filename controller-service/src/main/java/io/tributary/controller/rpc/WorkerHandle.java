package io.tributary.controller.rpc;

import static java.util.Objects.requireNonNull;

import io.grpc.ManagedChannel;
import io.tributary.proto.control.RunningExecution;
import io.tributary.proto.control.WorkerServiceGrpc;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A registered worker and the channel to reach it. */
public final class WorkerHandle implements AutoCloseable {
    private final String workerId;
    private final String jobId;
    private final long runId;
    private final String rpcAddress;
    private final String dataAddress;
    private final int slots;
    private final List<RunningExecution> executions;
    private final ManagedChannel channel;
    private volatile long lastHeartbeatNanos;

    WorkerHandle(String workerId, String jobId, long runId, String rpcAddress, String dataAddress, int slots,
            List<RunningExecution> executions, ManagedChannel channel, long nowNanos) {
        this.workerId = requireNonNull(workerId, "workerId is null");
        this.jobId = requireNonNull(jobId, "jobId is null");
        this.runId = runId;
        this.rpcAddress = requireNonNull(rpcAddress, "rpcAddress is null");
        this.dataAddress = requireNonNull(dataAddress, "dataAddress is null");
        this.slots = slots;
        this.executions = List.copyOf(executions);
        this.channel = requireNonNull(channel, "channel is null");
        this.lastHeartbeatNanos = nowNanos;
    }

    public String workerId() {
        return workerId;
    }

    public String jobId() {
        return jobId;
    }

    public long runId() {
        return runId;
    }

    public String rpcAddress() {
        return rpcAddress;
    }

    /** host:port where the worker takes batches from other workers (the data plane). */
    public String dataAddress() {
        return dataAddress;
    }

    public int slots() {
        return slots;
    }

    /** What the worker said it runs when it registered: runs a previous leader started. */
    public List<RunningExecution> executions() {
        return executions;
    }

    public WorkerServiceGrpc.WorkerServiceBlockingStub stub() {
        return WorkerServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    void heartbeat(long nowNanos) {
        lastHeartbeatNanos = nowNanos;
    }

    /** Nanoseconds (on the registry's clock) since the worker was last heard from. */
    public long silentForNanos(long nowNanos) {
        return nowNanos - lastHeartbeatNanos;
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
