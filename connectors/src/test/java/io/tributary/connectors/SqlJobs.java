package io.tributary.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tributary.engine.checkpoint.CheckpointCoordinator;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.engine.runtime.ExecutionListener;
import io.tributary.engine.runtime.ExecutionOptions;
import io.tributary.engine.runtime.ExecutionSpec;
import io.tributary.engine.runtime.JobExecution;
import io.tributary.engine.runtime.SubtaskId;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.sql.PlanOutcome;
import io.tributary.sql.PlannerOptions;
import io.tributary.sql.TributarySql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plans SQL and runs it on {@link JobExecution} with the real connectors, for the tests that run
 * whole jobs; a job that fails a task fails the test with what the task reported.
 */
public final class SqlJobs {
  private SqlJobs() {}

  /** The program {@code sql} plans to; {@code what} names the SQL when it does not plan. */
  public static LogicalProgram plan(String what, String sql, int parallelism) {
    PlanOutcome outcome = TributarySql.plan(sql, new PlannerOptions(parallelism, false));
    if (outcome instanceof PlanOutcome.Failed failed) {
      fail("%s does not plan at parallelism %s: %s", what, parallelism, failed.errors());
    }
    return ((PlanOutcome.Planned) outcome).program();
  }

  /**
   * Runs the program as job {@code jobId} (from checkpoint {@code restore} of the options' store, if
   * any) until it ends, and asserts that it ended within {@code wait} and that no task failed.
   */
  public static void runToEnd(String what, String jobId, LogicalProgram program, OptionalLong restore,
      ExecutionOptions options, Duration wait) throws InterruptedException {
    Failures listener = new Failures();
    try (JobExecution job = JobExecution.start(new ExecutionSpec(jobId, program, ExecutionSpec.allSubtasks(program),
        ConnectorRegistry.load(), listener, restore), options)) {
      assertThat(job.awaitTermination(wait)).as("%s ends", what).isTrue();
    }
    assertThat(listener.failures).as("failures of %s", what).isEmpty();
  }

  /** Collects what failing tasks report, and ignores the rest. */
  public static class Failures implements ExecutionListener {
    public final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void taskFailed(SubtaskId task, String operatorId, String message, String details) {
      failures.add(task + " " + operatorId + ": " + message);
    }
  }

  /** Hands reports to a coordinator and commits completed checkpoints, as the controller does. */
  public static final class Controller extends Failures {
    public final AtomicReference<JobExecution> job = new AtomicReference<>();
    private final String name;
    private final CheckpointCoordinator coordinator;
    private final Duration wait;
    private final LinkedBlockingQueue<CheckpointMetadata> completed = new LinkedBlockingQueue<>();

    /** {@code wait} bounds each checkpoint; {@code name} says whose it was when one does not complete. */
    public Controller(String name, CheckpointCoordinator coordinator, Duration wait) {
      this.name = name;
      this.coordinator = coordinator;
      this.wait = wait;
    }

    /** Triggers a checkpoint (then stopping the job, or not) and answers its epoch once it completed. */
    public long checkpoint(boolean thenStop) throws InterruptedException {
      long epoch = coordinator.begin(thenStop).orElseThrow();
      job.get().triggerCheckpoint(epoch, thenStop);
      CheckpointMetadata metadata = completed.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(metadata).as("%s: checkpoint %s (then stop: %s) completes; failures: %s", name, epoch, thenStop,
          failures).isNotNull();
      assertThat(metadata.getEpoch()).isEqualTo(epoch);
      return epoch;
    }

    @Override
    public void checkpointed(SubtaskCheckpoint checkpoint) {
      coordinator.acknowledge(checkpoint).ifPresent(metadata -> {
        job.get().commitCheckpoint(metadata.getEpoch());
        completed.add(metadata);
      });
    }
  }
}
