package io.tributary.engine.runtime;

import io.tributary.engine.checkpoint.CheckpointCoordinator;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import java.util.Collections;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plays the controller's part in checkpoints: hands reports to a coordinator and, once a
 * checkpoint is complete, lets the job commit it. Other events are recorded, as a
 * {@link RecordingListener} records them.
 */
final class CheckpointingListener extends RecordingListener {
  final List<SubtaskCheckpoint> reports = Collections.synchronizedList(new ArrayList<>());
  private final CheckpointCoordinator coordinator;
  private final AtomicReference<JobExecution> job = new AtomicReference<>();
  private final LinkedBlockingQueue<CheckpointMetadata> completed = new LinkedBlockingQueue<>();

  CheckpointingListener(CheckpointCoordinator coordinator) {
    this.coordinator = coordinator;
  }

  JobExecution attach(JobExecution execution) {
    job.set(execution);
    return execution;
  }

  /** Begins a checkpoint and triggers it in the job; returns its epoch. */
  long trigger(boolean thenStop) {
    long epoch = coordinator.begin(thenStop).orElseThrow();
    job.get().triggerCheckpoint(epoch, thenStop);
    return epoch;
  }

  /** The next completed checkpoint (committed already). */
  CheckpointMetadata awaitCompleted() throws InterruptedException {
    CheckpointMetadata metadata = completed.poll(30, TimeUnit.SECONDS);
    if (metadata == null) {
      throw new AssertionError("no checkpoint completed; reports: " + reports);
    }
    return metadata;
  }

  @Override
  public void checkpointed(SubtaskCheckpoint checkpoint) {
    reports.add(checkpoint);
    coordinator.acknowledge(checkpoint).ifPresent(metadata -> {
      job.get().commitCheckpoint(metadata.getEpoch());
      completed.add(metadata);
    });
  }
}
