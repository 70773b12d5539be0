package io.tributary.controller.job;

import static java.util.Objects.requireNonNull;

import io.tributary.controller.rpc.WorkerHandle;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import io.tributary.proto.control.TaskEvent;

/** What reaches a job's supervisor from its workers. */
public sealed interface JobEvent {
    record WorkerRegistered(WorkerHandle worker) implements JobEvent {
        public WorkerRegistered {
            requireNonNull(worker, "worker is null");
        }
    }

    record TaskReported(TaskEvent event) implements JobEvent {
        public TaskReported {
            requireNonNull(event, "event is null");
        }
    }

    /** A worker's process ended although its run had not let it go (the process scheduler saw it). */
    record WorkerExited(String workerId, String description) implements JobEvent {
        public WorkerExited {
            requireNonNull(workerId, "workerId is null");
            requireNonNull(description, "description is null");
        }
    }

    /** A subtask snapshotted its state for a checkpoint. */
    record CheckpointReported(String workerId, SubtaskCheckpoint checkpoint) implements JobEvent {
        public CheckpointReported {
            requireNonNull(workerId, "workerId is null");
            requireNonNull(checkpoint, "checkpoint is null");
        }
    }
}
