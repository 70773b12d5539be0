package io.tributary.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCheckpointStoreTest {
  @TempDir
  Path directory;

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void writesReadsListsAndDeletesUnderPrefixes() {
    CheckpointStore store = new LocalCheckpointStore(directory);
    store.write("job/b/two", bytes("2"));
    store.write("job/a/one", bytes("1"));
    store.write("job/a/one", bytes("one"));
    store.write("other/x", bytes("x"));

    assertThat(store.read("job/a/one")).hasValueSatisfying(content -> assertThat(content).isEqualTo(bytes("one")));
    assertThat(store.read("job/missing")).isEmpty();
    assertThat(store.list("job/")).containsExactly("job/a/one", "job/b/two");
    assertThat(store.list("nothing/")).isEmpty();

    store.deleteAll("job/a/");
    assertThat(store.list("job/")).containsExactly("job/b/two");
    assertThat(store.location()).isEqualTo(directory.toUri().toString());
  }

  @Test
  void leavesNoTemporaryFilesBehind() throws Exception {
    CheckpointStore store = new LocalCheckpointStore(directory);
    store.write("job/file", bytes("content"));
    try (var files = Files.list(directory.resolve("job"))) {
      assertThat(files.map(path -> path.getFileName().toString())).containsExactly("file");
    }
  }

  @Test
  void refusesPathsOutsideItsDirectory() {
    CheckpointStore store = new LocalCheckpointStore(directory);
    assertThatThrownBy(() -> store.write("../escape", bytes("x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a path inside");
    assertThatThrownBy(() -> new LocalCheckpointStore(Path.of("relative")))
        .hasMessageContaining("absolute directory");
  }

  @Test
  void opensStoresByUrl() {
    assertThat(CheckpointStores.open(directory.toUri().toString())).isInstanceOfSatisfying(LocalCheckpointStore.class,
        store -> assertThat(store.root()).isEqualTo(directory));
    assertThat(CheckpointStores.open(directory.toString())).isInstanceOf(LocalCheckpointStore.class);
    assertThatThrownBy(() -> CheckpointStores.open("s3://bucket/prefix"))
        .isInstanceOf(CheckpointStoreException.class).hasMessageContaining("S3 stores are not available yet");
    assertThatThrownBy(() -> CheckpointStores.open("ftp://host/dir"))
        .isInstanceOf(CheckpointStoreException.class).hasMessageContaining("expected file:///");
    assertThatThrownBy(() -> CheckpointStores.open("file://host/dir"))
        .isInstanceOf(CheckpointStoreException.class).hasMessageContaining("must not name a host");
  }
}
