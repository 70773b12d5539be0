package io.tributary.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoresTest {
  @TempDir
  Path directory;

  @Test
  void checkAcceptsWhatOpenOpensWithoutMakingAnything() {
    Path absent = directory.resolve("not-yet");
    assertThatCode(() -> CheckpointStores.check(absent.toUri().toString())).doesNotThrowAnyException();
    assertThatCode(() -> CheckpointStores.check(absent.toString())).doesNotThrowAnyException();
    assertThatCode(() -> CheckpointStores.check("s3://bucket/prefix?endpoint=http://127.0.0.1:9000&region=x"))
        .doesNotThrowAnyException();
    assertThat(absent).doesNotExist();
  }

  @Test
  void checkRefusesWhatOpenRefusesSayingWhy() {
    assertThatThrownBy(() -> CheckpointStores.check("ftp://host/dir"))
        .isInstanceOf(CheckpointStoreException.class).hasMessageContaining("expected file:///absolute/dir");
    assertThatThrownBy(() -> CheckpointStores.check("file://host/dir"))
        .isInstanceOf(CheckpointStoreException.class).hasMessageContaining("must not name a host");
    assertThatThrownBy(() -> CheckpointStores.check("file:dir"))
        .isInstanceOf(CheckpointStoreException.class).hasMessageContaining("needs an absolute path");
    assertThatThrownBy(() -> CheckpointStores.check("s3:///prefix"))
        .isInstanceOf(CheckpointStoreException.class).hasMessageContaining("expected s3://bucket/prefix");
    assertThatThrownBy(() -> CheckpointStores.open("ftp://host/dir"))
        .isInstanceOf(CheckpointStoreException.class).hasMessageContaining("expected file:///absolute/dir");
  }

  @Test
  void openOpensALocalStoreAtTheUrlsPath() {
    assertThat(CheckpointStores.open(directory.toUri().toString()).location()).isEqualTo(directory.toUri().toString());
  }
}
