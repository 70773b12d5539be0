package io.tributary.engine.checkpoint;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tributary.engine.runtime.SubtaskId;
import io.tributary.engine.time.ProcessingClock;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.checkpoint.OperatorCheckpoint;
import io.tributary.proto.checkpoint.StateFile;
import io.tributary.proto.checkpoint.StateTable;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides a job's checkpoint epochs and completes them: one checkpoint is in flight at a time;
 * it completes when every subtask reported, at which point the metadata is written (last, so
 * that a checkpoint with metadata is whole) and checkpoints beyond the retained count are
 * deleted. Holds no threads; every method is synchronized, so any thread may call it.
 *
 * <p>Epochs only increase per job, across runs: a new coordinator starts after every epoch it
 * finds in the store, complete or not, so that no file of an abandoned checkpoint is ever
 * mistaken for part of a new one.
 */
public final class CheckpointCoordinator {
  private final String jobId;
  private final CheckpointStore store;
  private final Set<SubtaskId> subtasks;
  private final int retainedCheckpoints;
  private final ProcessingClock clock;

  private long lastEpoch;
  private OptionalLong inFlight = OptionalLong.empty();
  private boolean thenStop;
  private long startedMicros;
  private final Map<SubtaskId, SubtaskCheckpoint> reports = new LinkedHashMap<>();

  public CheckpointCoordinator(
      String jobId, CheckpointStore store, Set<SubtaskId> subtasks, int retainedCheckpoints, ProcessingClock clock) {
    this.jobId = requireNonNull(jobId, "jobId is null");
    this.store = requireNonNull(store, "store is null");
    this.subtasks = Set.copyOf(requireNonNull(subtasks, "subtasks is null"));
    this.clock = requireNonNull(clock, "clock is null");
    if (this.subtasks.isEmpty()) {
      throw new IllegalArgumentException("job " + jobId + " has no subtasks to checkpoint");
    }
    if (retainedCheckpoints < 1) {
      throw new IllegalArgumentException("at least one checkpoint must be retained, not " + retainedCheckpoints);
    }
    this.retainedCheckpoints = retainedCheckpoints;
    this.lastEpoch = epochs(store, jobId).stream().mapToLong(Long::longValue).max().orElse(0);
  }

  /**
   * Starts the next checkpoint.
   *
   * @param thenStop the job stops after it (stop mode {@code checkpoint})
   * @return its epoch; empty while another checkpoint is in flight
   */
  public synchronized OptionalLong begin(boolean thenStop) {
    if (inFlight.isPresent()) {
      return OptionalLong.empty();
    }
    lastEpoch++;
    inFlight = OptionalLong.of(lastEpoch);
    this.thenStop = thenStop;
    startedMicros = clock.nowNanos() / 1_000;
    reports.clear();
    return inFlight;
  }

  /**
   * Records a subtask's report. Reports for an epoch that is not in flight (aborted, or from an
   * older run) are ignored.
   *
   * @return the checkpoint's metadata when this report completed it (the metadata is durable;
   *     the caller then lets the sinks commit)
   * @throws IllegalArgumentException for a report of another job or of an unknown subtask
   * @throws CheckpointStoreException if the metadata cannot be written; the checkpoint is then
   *     aborted
   */
  public synchronized Optional<CheckpointMetadata> acknowledge(SubtaskCheckpoint report) {
    requireNonNull(report, "report is null");
    if (!report.getJobId().equals(jobId)) {
      throw new IllegalArgumentException(
          "checkpoint report of job " + report.getJobId() + " sent to the coordinator of job " + jobId);
    }
    SubtaskId subtask = new SubtaskId(report.getNodeId(), report.getSubtaskIndex());
    if (!subtasks.contains(subtask)) {
      throw new IllegalArgumentException(
          "checkpoint report of subtask " + subtask + ", which job " + jobId + " does not have");
    }
    if (inFlight.isEmpty() || inFlight.getAsLong() != report.getEpoch()) {
      return Optional.empty();
    }
    reports.put(subtask, report);
    if (reports.size() < subtasks.size()) {
      return Optional.empty();
    }
    long epoch = inFlight.getAsLong();
    CheckpointMetadata metadata = CheckpointMetadata.newBuilder()
        .setJobId(jobId)
        .setEpoch(epoch)
        .setStartedMicros(startedMicros)
        .setFinishedMicros(clock.nowNanos() / 1_000)
        .setThenStop(thenStop)
        .addAllSubtasks(reports.values())
        .build();
    inFlight = OptionalLong.empty();
    reports.clear();
    store.write(CheckpointPaths.metadata(jobId, epoch), metadata.toByteArray());
    deleteBeyondRetention(epoch);
    return Optional.of(metadata);
  }

  /** Abandons the in-flight checkpoint of {@code epoch} (e.g. a task failed); its files are left for retention. */
  public synchronized void abort(long epoch) {
    if (inFlight.isPresent() && inFlight.getAsLong() == epoch) {
      inFlight = OptionalLong.empty();
      reports.clear();
    }
  }

  public synchronized OptionalLong inFlight() {
    return inFlight;
  }

  /**
   * Keeps the newest {@code retainedCheckpoints} complete checkpoints and every file they
   * reference, which with incremental state includes files in older checkpoints' directories;
   * deletes every other file of older epochs (dropped checkpoints, abandoned ones, and chains
   * that a newer full file replaced). Epochs from the oldest retained one on are left alone,
   * as one may still be in flight.
   */
  private void deleteBeyondRetention(long newest) {
    List<Long> completed = completedEpochs(store, jobId).stream().filter(e -> e <= newest).toList();
    if (completed.size() <= retainedCheckpoints) {
      return;
    }
    List<Long> retained = completed.subList(completed.size() - retainedCheckpoints, completed.size());
    Set<String> referenced = new HashSet<>();
    for (long epoch : retained) {
      load(store, jobId, epoch).ifPresent(metadata -> referenced.addAll(referencedFiles(metadata)));
    }
    long oldestKept = retained.getFirst();
    List<String> unreferenced = store.list(CheckpointPaths.checkpoints(jobId)).stream()
        .filter(path -> CheckpointPaths.epochOf(jobId, path).orElse(Long.MAX_VALUE) < oldestKept)
        .filter(path -> !referenced.contains(path))
        .toList();
    store.delete(unreferenced);
  }

  /** Every state file a checkpoint needs for a restore: its tables' whole chains. */
  public static Set<String> referencedFiles(CheckpointMetadata metadata) {
    Set<String> paths = new HashSet<>();
    for (SubtaskCheckpoint subtask : metadata.getSubtasksList()) {
      for (OperatorCheckpoint operator : subtask.getOperatorsList()) {
        paths.addAll(operator.getFilesList());
        for (StateTable table : operator.getTablesList()) {
          for (StateFile file : table.getChainList()) {
            paths.add(file.getPath());
            if (!file.getDeletesPath().isEmpty()) {
              paths.add(file.getDeletesPath());
            }
          }
        }
      }
    }
    return paths;
  }

  /** The newest complete checkpoint of the job in the store. */
  public static OptionalLong latestCompleted(CheckpointStore store, String jobId) {
    List<Long> completed = completedEpochs(store, jobId);
    return completed.isEmpty() ? OptionalLong.empty() : OptionalLong.of(completed.getLast());
  }

  /** The metadata of a complete checkpoint; empty if the checkpoint is incomplete or gone. */
  public static Optional<CheckpointMetadata> load(CheckpointStore store, String jobId, long epoch) {
    String path = CheckpointPaths.metadata(jobId, epoch);
    return store.read(path).map(bytes -> {
      try {
        return CheckpointMetadata.parseFrom(bytes);
      } catch (InvalidProtocolBufferException e) {
        throw new CheckpointStoreException(
            "checkpoint metadata '" + path + "' in " + store.location() + " is corrupt: " + e.getMessage(), e);
      }
    });
  }

  private static List<Long> completedEpochs(CheckpointStore store, String jobId) {
    TreeSet<Long> epochs = new TreeSet<>();
    for (String path : store.list(CheckpointPaths.checkpoints(jobId))) {
      if (CheckpointPaths.isMetadata(path)) {
        CheckpointPaths.epochOf(jobId, path).ifPresent(epochs::add);
      }
    }
    return List.copyOf(epochs);
  }

  private static TreeSet<Long> epochs(CheckpointStore store, String jobId) {
    TreeSet<Long> epochs = new TreeSet<>();
    for (String path : store.list(CheckpointPaths.checkpoints(jobId))) {
      CheckpointPaths.epochOf(jobId, path).ifPresent(epochs::add);
    }
    return epochs;
  }
}
