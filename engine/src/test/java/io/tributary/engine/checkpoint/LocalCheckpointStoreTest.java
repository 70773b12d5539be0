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
  void locationIsTheDirectoryAsAFileUrl() {
    assertThat(new LocalCheckpointStore(directory).location()).isEqualTo(directory.toUri().toString());
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
  void refusesARelativeDirectory() {
    assertThatThrownBy(() -> new LocalCheckpointStore(Path.of("relative")))
        .hasMessageContaining("absolute directory");
  }

  @Test
  void opensStoresByUrl() {
    assertThat(CheckpointStores.open(directory.toUri().toString())).isInstanceOfSatisfying(LocalCheckpointStore.class,
        store -> assertThat(store.root()).isEqualTo(directory));
    assertThat(CheckpointStores.open(directory.toString())).isInstanceOf(LocalCheckpointStore.class);
    assertThatThrownBy(() -> CheckpointStores.open("s3://bucket/prefix?bogus=1"))
        .as("s3 URLs go to the S3 store, which opens them itself (S3CheckpointStoreTest)")
        .isInstanceOf(CheckpointStoreException.class).hasMessageContaining("unknown parameter 'bogus'");
    assertThatThrownBy(() -> CheckpointStores.open("ftp://host/dir"))
        .isInstanceOf(CheckpointStoreException.class).hasMessageContaining("expected file:///");
    assertThatThrownBy(() -> CheckpointStores.open("file://host/dir"))
        .isInstanceOf(CheckpointStoreException.class).hasMessageContaining("must not name a host");
  }
}
