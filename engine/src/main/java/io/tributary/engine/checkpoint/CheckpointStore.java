package io.tributary.engine.checkpoint;

import java.io.InputStream;
import java.util.Collection;
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

  /**
   * Starts writing the object at {@code path} as a stream, in bounded memory whatever its size;
   * it replaces the object only when {@link StoreOutput#publish() published}.
   */
  StoreOutput create(String path);

  /** The object at {@code path} as a stream (the caller closes it), or empty when there is none. */
  Optional<InputStream> readStream(String path);

  /** Deletes the objects at {@code paths}; paths without an object are skipped. */
  void delete(Collection<String> paths);

  /** Paths of every object under {@code prefix} (a directory-like prefix ending in '/'), sorted. */
  List<String> list(String prefix);

  /** Deletes every object under {@code prefix}. */
  void deleteAll(String prefix);

  /** The store's root as a URL, for messages: {@code file:///…} or {@code s3://bucket/prefix}. */
  String location();
}
