package io.tributary.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.runtime.SubtaskId;
import io.tributary.engine.time.ManualClock;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CheckpointStore} promises, run against each implementation by a subclass
 * that supplies a fresh, empty store per test.
 */
abstract class CheckpointStoreContract {
  /** A fresh, empty store. */
  abstract CheckpointStore store();

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsBackWhatWasWrittenAndTheLastWriteWins() {
    CheckpointStore store = store();
    byte[] large = new byte[3 * 1024 * 1024 + 17];
    new Random(42).nextBytes(large);
    store.write("job/large.arrow", large);
    store.write("job/empty", new byte[0]);
    store.write("job/file", bytes("first"));
    store.write("job/file", bytes("second"));

    assertThat(store.read("job/large.arrow")).hasValueSatisfying(content -> assertThat(content).isEqualTo(large));
    assertThat(store.read("job/empty")).hasValueSatisfying(content -> assertThat(content).isEmpty());
    assertThat(store.read("job/file")).hasValueSatisfying(content -> assertThat(content).isEqualTo(bytes("second")));
    assertThat(store.read("job/missing")).isEmpty();
    assertThat(store.read("nothing/here/at/all")).isEmpty();
  }

  /** Content written in pieces of varying size, larger than one S3 part, so that it spans several. */
  static byte[] writeInPieces(StoreOutput output, int size) throws IOException {
    byte[] content = new byte[size];
    new Random(7).nextBytes(content);
    int offset = 0;
    for (int piece = 1; offset < size; piece = piece * 3 % 1_000_003) {
      int length = Math.min(size - offset, piece);
      output.write(content, offset, length);
      offset += length;
    }
    return content;
  }

  @Test
  void streamsAnObjectInPiecesAndShowsItOnlyOncePublished() throws IOException {
    CheckpointStore store = store();
    store.write("job/replaced", bytes("old"));
    byte[] content;
    try (StoreOutput output = store.create("job/replaced")) {
      content = writeInPieces(output, 9 * 1024 * 1024 + 5);
      assertThat(store.read("job/replaced")).as("unpublished: the old content").hasValue(bytes("old"));
      assertThat(output.written()).isEqualTo(content.length);
      output.publish();
    }
    try (InputStream input = store.readStream("job/replaced").orElseThrow()) {
      assertThat(input.readAllBytes()).isEqualTo(content);
    }
    assertThat(store.readStream("job/missing")).isEmpty();
    assertThat(store.list("job/")).containsExactly("job/replaced");
  }

  @Test
  void anOutputClosedWithoutPublishingLeavesNoTrace() throws IOException {
    CheckpointStore store = store();
    store.write("job/kept", bytes("kept"));
    try (StoreOutput small = store.create("job/kept"); StoreOutput large = store.create("job/never")) {
      small.write(bytes("torn"));
      writeInPieces(large, 9 * 1024 * 1024);
    }
    assertThat(store.read("job/kept")).hasValue(bytes("kept"));
    assertThat(store.list("job/")).containsExactly("job/kept");
  }

  @Test
  void deletesTheGivenPathsAndSkipsMissingOnes() {
    CheckpointStore store = store();
    store.write("job/a/one", bytes("1"));
    store.write("job/a/two", bytes("2"));
    store.write("job/b/three", bytes("3"));

    store.delete(List.of("job/a/one", "job/b/three", "job/never/written"));
    store.delete(List.of());

    assertThat(store.list("job/")).containsExactly("job/a/two");
  }

  @Test
  void listsEveryObjectUnderADirectoryPrefixSorted() {
    CheckpointStore store = store();
    store.write("job/b/two", bytes("2"));
    store.write("job/a/deeper/three", bytes("3"));
    store.write("job/a/one", bytes("1"));
    store.write("job/ab/not-under-a", bytes("x"));
    store.write("jobs/other", bytes("x"));

    assertThat(store.list("job/")).containsExactly("job/a/deeper/three", "job/a/one", "job/ab/not-under-a", "job/b/two");
    assertThat(store.list("job/a/")).as("a prefix is a directory, not a string prefix")
        .containsExactly("job/a/deeper/three", "job/a/one");
    assertThat(store.list("nothing/")).isEmpty();
    assertThatThrownBy(() -> store.list("job/a")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must end in '/'");
  }

  @Test
  void deletesEverythingUnderAPrefixAndNothingElse() {
    CheckpointStore store = store();
    store.write("job/a/one", bytes("1"));
    store.write("job/a/deeper/two", bytes("2"));
    store.write("job/ab/kept", bytes("x"));
    store.write("job/b/kept", bytes("x"));

    store.deleteAll("job/a/");
    store.deleteAll("job/never-written/");

    assertThat(store.list("job/")).containsExactly("job/ab/kept", "job/b/kept");
    assertThat(store.read("job/a/one")).isEmpty();
  }

  @Test
  void deletesMoreObjectsThanOneRequestTakes() {
    CheckpointStore store = store();
    // S3's DeleteObjects takes at most 1000 keys, so this needs two requests there.
    List<String> paths = IntStream.range(0, 1003).mapToObj(i -> String.format("job/many/object-%04d", i)).toList();
    paths.forEach(path -> store.write(path, new byte[] {1}));
    store.write("job/kept", new byte[] {2});
    assertThat(store.list("job/many/")).isEqualTo(paths);

    store.deleteAll("job/many/");

    assertThat(store.list("job/")).containsExactly("job/kept");
  }

  @Test
  void refusesPathsOutsideTheStore() {
    CheckpointStore store = store();
    for (String path : List.of("../escape", "/absolute", "")) {
      assertThatThrownBy(() -> store.write(path, bytes("x"))).as(path)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a path inside");
    }
  }

  @Test
  void coordinatorWritesMetadataLastAndKeepsOnlyTheRetainedCheckpoints() {
    CheckpointStore store = store();
    Set<SubtaskId> subtasks = Set.of(new SubtaskId(1, 0), new SubtaskId(2, 0));
    CheckpointCoordinator coordinator = new CheckpointCoordinator("job", store, subtasks, 2, new ManualClock(0));
    List<Long> completed = new ArrayList<>();
    for (long epoch = 1; epoch <= 4; epoch++) {
      assertThat(coordinator.begin(false)).hasValue(epoch);
      for (SubtaskId subtask : subtasks) {
        store.write(CheckpointPaths.table("job", epoch, "op_" + subtask.nodeId(), 0, "state"), bytes("state"));
      }
      assertThat(coordinator.acknowledge(report(epoch, 1))).isEmpty();
      assertThat(CheckpointCoordinator.load(store, "job", epoch)).as("no metadata before the last report").isEmpty();
      coordinator.acknowledge(report(epoch, 2)).ifPresent(metadata -> completed.add(metadata.getEpoch()));
      assertThat(CheckpointCoordinator.latestCompleted(store, "job")).hasValue(epoch);
    }
    assertThat(completed).containsExactly(1L, 2L, 3L, 4L);
    assertThat(store.list(CheckpointPaths.checkpoints("job"))).containsExactly(
        "job/checkpoints/checkpoint-0000003/metadata.pb",
        "job/checkpoints/checkpoint-0000003/op_1/subtask-0000/state.arrow",
        "job/checkpoints/checkpoint-0000003/op_2/subtask-0000/state.arrow",
        "job/checkpoints/checkpoint-0000004/metadata.pb",
        "job/checkpoints/checkpoint-0000004/op_1/subtask-0000/state.arrow",
        "job/checkpoints/checkpoint-0000004/op_2/subtask-0000/state.arrow");
    assertThat(CheckpointCoordinator.load(store, "job", 4)).hasValueSatisfying(metadata ->
        assertThat(metadata.getSubtasksCount()).isEqualTo(2));

    CheckpointCoordinator next = new CheckpointCoordinator("job", store, subtasks, 2, new ManualClock(0));
    assertThat(next.begin(false)).as("a new coordinator continues after the stored epochs").hasValue(5);
  }

  private static SubtaskCheckpoint report(long epoch, int node) {
    return SubtaskCheckpoint.newBuilder().setJobId("job").setEpoch(epoch).setNodeId(node).setSubtaskIndex(0).build();
  }
}
