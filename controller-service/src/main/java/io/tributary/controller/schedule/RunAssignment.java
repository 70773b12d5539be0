package io.tributary.controller.schedule;

import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import java.util.OptionalInt;

/**
 * How many workers a run needs. A worker runs at most one slot's worth of subtasks of each node,
 * so a run needs the parallelism of its widest node in slots; when the scheduler's workers have
 * fewer, the run gets several workers, and the supervisor spreads every node's subtasks evenly
 * over them (subtask {@code i} of a node of parallelism {@code p} on worker {@code i * n / p}).
 */
public final class RunAssignment {
    private RunAssignment() {}

    /** @param slotsPerWorker the scheduler's workers' slots; empty: one worker with as many as the run needs */
    public static WorkerRequest workersFor(String jobId, long runId, LogicalProgram program, OptionalInt slotsPerWorker) {
        int slots = program.getNodesList().stream().mapToInt(Node::getParallelism).max().orElse(1);
        int perWorker = Math.min(slots, slotsPerWorker.orElse(slots));
        int workers = (slots + perWorker - 1) / perWorker;
        return new WorkerRequest(jobId, runId, workers, perWorker);
    }
}
