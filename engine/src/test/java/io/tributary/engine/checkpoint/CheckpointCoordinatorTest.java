package io.tributary.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.runtime.SubtaskId;
import io.tributary.engine.time.ManualClock;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.checkpoint.OperatorCheckpoint;
import io.tributary.proto.checkpoint.StateFile;
import io.tributary.proto.checkpoint.StateTable;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointCoordinatorTest {
  private static final Set<SubtaskId> SUBTASKS = Set.of(new SubtaskId(1, 0), new SubtaskId(1, 1), new SubtaskId(2, 0));

  @TempDir
  Path directory;
  private final ManualClock clock = new ManualClock(5_000_000);

  private CheckpointStore store() {
    return new LocalCheckpointStore(directory);
  }

  private static SubtaskCheckpoint report(long epoch, int node, int subtask) {
    return SubtaskCheckpoint.newBuilder().setJobId("job").setEpoch(epoch).setNodeId(node).setSubtaskIndex(subtask)
        .build();
  }

  /** Reports every subtask; returns what the last report completed. */
  private static Optional<CheckpointMetadata> reportAll(CheckpointCoordinator coordinator, long epoch) {
    assertThat(coordinator.acknowledge(report(epoch, 1, 0))).isEmpty();
    assertThat(coordinator.acknowledge(report(epoch, 2, 0))).isEmpty();
    return coordinator.acknowledge(report(epoch, 1, 1));
  }

  @Test
  void completesAnEpochWhenEverySubtaskReportedAndWritesTheMetadataLast() {
    CheckpointStore store = store();
    CheckpointCoordinator coordinator = new CheckpointCoordinator("job", store, SUBTASKS, 3, clock);
    assertThat(coordinator.begin(true)).hasValue(1);
    assertThat(coordinator.begin(false)).as("one checkpoint at a time").isEmpty();
    assertThat(coordinator.inFlight()).hasValue(1);

    assertThat(coordinator.acknowledge(report(1, 1, 0))).isEmpty();
    assertThat(coordinator.acknowledge(report(1, 2, 0))).isEmpty();
    assertThat(store.read(CheckpointPaths.metadata("job", 1))).as("incomplete: no metadata").isEmpty();
    assertThat(CheckpointCoordinator.latestCompleted(store, "job")).isEmpty();

    clock.advanceNanos(2_000_000);
    CheckpointMetadata metadata = coordinator.acknowledge(report(1, 1, 1)).orElseThrow();
    assertThat(metadata.getEpoch()).isEqualTo(1);
    assertThat(metadata.getThenStop()).isTrue();
    assertThat(metadata.getSubtasksCount()).isEqualTo(3);
    assertThat(metadata.getStartedMicros()).isEqualTo(5_000);
    assertThat(metadata.getFinishedMicros()).isEqualTo(7_000);
    assertThat(coordinator.inFlight()).isEmpty();
    assertThat(CheckpointCoordinator.latestCompleted(store, "job")).hasValue(1);
    assertThat(CheckpointCoordinator.load(store, "job", 1)).hasValue(metadata);
  }

  @Test
  void epochsIncreaseAcrossAbortsAndCoordinators() {
    CheckpointStore store = store();
    CheckpointCoordinator first = new CheckpointCoordinator("job", store, SUBTASKS, 3, clock);
    assertThat(first.begin(false)).hasValue(1);
    assertThat(reportAll(first, 1)).isPresent();
    assertThat(first.begin(false)).hasValue(2);
    // An abandoned checkpoint left a file behind; its epoch is never reused.
    store.write(CheckpointPaths.table("job", 2, "op", 0, "t"), new byte[] {1});
    first.abort(2);
    assertThat(first.acknowledge(report(2, 1, 0))).as("late report of an aborted epoch").isEmpty();

    CheckpointCoordinator second = new CheckpointCoordinator("job", store, SUBTASKS, 3, clock);
    assertThat(second.begin(false)).hasValue(3);
    assertThat(CheckpointCoordinator.latestCompleted(store, "job")).hasValue(1);
  }

  @Test
  void retentionDeletesOlderCheckpoints() {
    CheckpointStore store = store();
    CheckpointCoordinator coordinator = new CheckpointCoordinator("job", store, SUBTASKS, 2, clock);
    for (long epoch = 1; epoch <= 4; epoch++) {
      assertThat(coordinator.begin(false)).hasValue(epoch);
      store.write(CheckpointPaths.table("job", epoch, "op", 0, "t"), new byte[] {1});
      assertThat(reportAll(coordinator, epoch)).isPresent();
    }
    assertThat(store.list(CheckpointPaths.checkpoints("job")))
        .map(path -> CheckpointPaths.epochOf("job", path).orElseThrow())
        .containsExactly(3L, 3L, 4L, 4L);
    assertThat(CheckpointCoordinator.load(store, "job", 2)).isEmpty();
  }

  @Test
  void retentionKeepsEveryFileARetainedChainReferencesAndDeletesTheRest() {
    CheckpointStore store = store();
    CheckpointCoordinator coordinator = new CheckpointCoordinator("job", store, Set.of(new SubtaskId(1, 0)), 2, clock);
    String base = CheckpointPaths.table("job", 1, "op", 0, "t");
    String delta2 = CheckpointPaths.table("job", 2, "op", 0, "t");
    String deletes2 = CheckpointPaths.table("job", 2, "op", 0, "t.deletes");
    String delta3 = CheckpointPaths.table("job", 3, "op", 0, "t");
    String abandoned = CheckpointPaths.table("job", 4, "op", 0, "t");
    String full5 = CheckpointPaths.table("job", 5, "op", 0, "t");
    String delta6 = CheckpointPaths.table("job", 6, "op", 0, "t");
    // Epoch 4 was abandoned, and epoch 5 wrote a full file: from then on, the old chain is unneeded.
    List<List<StateFile>> chains = List.of(
        List.of(file(base, "")),
        List.of(file(base, ""), file(delta2, deletes2)),
        List.of(file(base, ""), file(delta2, deletes2), file(delta3, "")),
        List.of(),
        List.of(file(full5, "")),
        List.of(file(full5, ""), file(delta6, "")));
    for (long epoch = 1; epoch <= chains.size(); epoch++) {
      assertThat(coordinator.begin(false)).hasValue(epoch);
      List<StateFile> chain = chains.get((int) epoch - 1);
      String written = epoch == 4 ? abandoned : chain.getLast().getPath();
      store.write(written, new byte[] {1});
      if (epoch == 2) {
        store.write(deletes2, new byte[] {2});
      }
      if (epoch == 4) {
        coordinator.abort(4);
        continue;
      }
      coordinator.acknowledge(report(epoch, 1, 0).toBuilder().addOperators(OperatorCheckpoint.newBuilder()
          .setOperatorId("op").addFiles(written).addTables(StateTable.newBuilder().setName("t").addAllChain(chain)))
          .build()).orElseThrow();
      if (epoch == 3) {
        assertThat(store.list(CheckpointPaths.checkpoints("job"))).as("epoch 1 dropped, its base still referenced")
            .contains(base, delta2, deletes2, delta3)
            .doesNotContain(CheckpointPaths.metadata("job", 1));
      }
    }
    assertThat(store.list(CheckpointPaths.checkpoints("job"))).containsExactlyInAnyOrder(
        full5, CheckpointPaths.metadata("job", 5), delta6, CheckpointPaths.metadata("job", 6));
    assertThat(directory.resolve("job/checkpoints/checkpoint-0000001")).as("emptied directories go too").doesNotExist();
  }

  private static StateFile file(String path, String deletesPath) {
    return StateFile.newBuilder().setPath(path).setDeletesPath(deletesPath).setBytes(1).build();
  }

  @Test
  void refusesReportsOfOtherJobsAndUnknownSubtasks() {
    CheckpointCoordinator coordinator = new CheckpointCoordinator("job", store(), SUBTASKS, 1, clock);
    coordinator.begin(false);
    assertThatThrownBy(() -> coordinator.acknowledge(report(1, 1, 0).toBuilder().setJobId("other").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("job other");
    assertThatThrownBy(() -> coordinator.acknowledge(report(1, 9, 0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subtask 9-0");
  }

  @Test
  void layoutPutsEpochsInOrder() {
    assertThat(CheckpointPaths.metadata("job", 42)).isEqualTo("job/checkpoints/checkpoint-0000042/metadata.pb");
    assertThat(CheckpointPaths.table("job", 42, "window_1", 3, "windows"))
        .isEqualTo("job/checkpoints/checkpoint-0000042/window_1/subtask-0003/windows.arrow");
    assertThat(CheckpointPaths.tableName("job/checkpoints/checkpoint-0000042/window_1/subtask-0003/windows.arrow"))
        .isEqualTo("windows");
    assertThat(CheckpointPaths.epochOf("job", "job/checkpoints/checkpoint-0000042/metadata.pb")).hasValue(42);
    assertThat(CheckpointPaths.epochOf("job", "other/checkpoints/checkpoint-0000042/metadata.pb")).isEmpty();
    assertThatThrownBy(() -> CheckpointPaths.table("job", 1, "a/b", 0, "t")).hasMessageContaining("operator id 'a/b'");
  }
}
