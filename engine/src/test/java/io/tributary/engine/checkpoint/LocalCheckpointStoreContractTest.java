package io.tributary.engine.checkpoint;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalCheckpointStoreContractTest extends CheckpointStoreContract {
  @TempDir
  Path directory;

  @Override
  CheckpointStore store() {
    return new LocalCheckpointStore(directory);
  }
}
