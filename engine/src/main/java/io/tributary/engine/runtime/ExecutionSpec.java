package io.tributary.engine.runtime;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.proto.program.LogicalProgram;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A job to run on this worker.
 *
 * @param localSubtasks the subtasks this worker runs; edges to any other subtask go through
 *     the {@link RemoteChannels} of the {@link ExecutionOptions}
 * @param restoreEpoch the checkpoint to restore state from (of this job id, in the options'
 *     checkpoint store); empty for a fresh start
 */
public record ExecutionSpec(
    String jobId,
    LogicalProgram program,
    Set<SubtaskId> localSubtasks,
    ConnectorRegistry connectors,
    ExecutionListener listener,
    OptionalLong restoreEpoch) {
  /** A fresh start, restoring nothing. */
  public ExecutionSpec(String jobId, LogicalProgram program, Set<SubtaskId> localSubtasks, ConnectorRegistry connectors,
      ExecutionListener listener) {
    this(jobId, program, localSubtasks, connectors, listener, OptionalLong.empty());
  }

  public ExecutionSpec {
    requireNonNull(jobId, "jobId is null");
    requireNonNull(program, "program is null");
    localSubtasks = Set.copyOf(requireNonNull(localSubtasks, "localSubtasks is null"));
    requireNonNull(connectors, "connectors is null");
    requireNonNull(listener, "listener is null");
    requireNonNull(restoreEpoch, "restoreEpoch is null");
  }

  public ExecutionSpec withRestoreEpoch(long epoch) {
    return new ExecutionSpec(jobId, program, localSubtasks, connectors, listener, OptionalLong.of(epoch));
  }

  /** Every subtask of the program, for a single worker running all of it. */
  public static Set<SubtaskId> allSubtasks(LogicalProgram program) {
    java.util.Set<SubtaskId> all = new java.util.LinkedHashSet<>();
    for (io.tributary.proto.program.Node node : program.getNodesList()) {
      for (int i = 0; i < node.getParallelism(); i++) {
        all.add(new SubtaskId(node.getNodeId(), i));
      }
    }
    return all;
  }
}
