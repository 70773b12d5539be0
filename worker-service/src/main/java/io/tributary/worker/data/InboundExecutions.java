package io.tributary.worker.data;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.runtime.JobExecution;
import io.tributary.engine.runtime.OutputChannel;
import io.tributary.engine.runtime.SubtaskId;
import io.tributary.proto.data.ExchangeHeader;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The runs this worker executes, by job, for the streams other workers open to them. Workers of a
 * run start at slightly different times, so a stream for a run that has not started here yet
 * waits for it (up to {@code startTimeout}); a stream of an older run than the one here is refused.
 */
public final class InboundExecutions implements InboundTargets {
    private record Registered(long runId, JobExecution execution) {}

    private final Map<String, Registered> byJob = new HashMap<>();
    private final Duration startTimeout;

    public InboundExecutions(Duration startTimeout) {
        this.startTimeout = requireNonNull(startTimeout, "startTimeout is null");
    }

    public synchronized void register(String jobId, long runId, JobExecution execution) {
        byJob.put(jobId, new Registered(runId, requireNonNull(execution, "execution is null")));
        notifyAll();
    }

    /** The execution ended: later streams to it are refused. */
    public synchronized void unregister(String jobId, JobExecution execution) {
        Registered registered = byJob.get(jobId);
        if (registered != null && registered.execution() == execution) {
            byJob.remove(jobId);
        }
    }

    @Override
    public synchronized OutputChannel open(ExchangeHeader header) throws InterruptedException {
        SubtaskId sender = new SubtaskId(header.getSenderNodeId(), header.getSenderSubtaskIndex());
        SubtaskId receiver = new SubtaskId(header.getReceiverNodeId(), header.getReceiverSubtaskIndex());
        String stream = "subtask " + sender + " of job " + header.getJobId() + " (run " + header.getRunId()
                + ") cannot send to subtask " + receiver;
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (true) {
            Registered registered = byJob.get(header.getJobId());
            if (registered != null && registered.runId() == header.getRunId()) {
                try {
                    return registered.execution().inboundChannel(sender, receiver, header.getEdgeIndex());
                } catch (IllegalArgumentException e) {
                    throw new DataPlaneException(stream + ": " + e.getMessage(), e);
                }
            }
            if (registered != null && registered.runId() > header.getRunId()) {
                throw new DataPlaneException(stream + ": this worker runs the job's newer run " + registered.runId());
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new DataPlaneException(stream + ": the run did not start on this worker within "
                        + startTimeout.toSeconds() + " s");
            }
            wait(Math.max(1, remaining / 1_000_000));
        }
    }
}
