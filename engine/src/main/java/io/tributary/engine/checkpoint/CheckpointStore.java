package io.tributary.engine.checkpoint;

import java.util.List;
import java.util.Optional;

/**
 * Where checkpoints are kept: objects named by slash-separated paths relative to the store's
 * root. Implementations: a local directory ({@code file:}) and S3-compatible object storage
 * ({@code s3:}). Failures are {@link CheckpointStoreException}s naming the path and the store.
 */
public interface CheckpointStore {
  /** Writes the object at {@code path}, replacing it; readers see the old or the whole new content. */
  void write(String path, byte[] content);

  Optional<byte[]> read(String path);

  /** Paths of every object under {@code prefix} (a directory-like prefix ending in '/'), sorted. */
  List<String> list(String prefix);

  /** Deletes every object under {@code prefix}. */
  void deleteAll(String prefix);

  /** The store's root as a URL, for messages: {@code file:///…} or {@code s3://bucket/prefix}. */
  String location();
}
