package io.tributary.engine.checkpoint;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/** Opens a {@link CheckpointStore} from the URL a job's configuration gives. */
public final class CheckpointStores {
  private CheckpointStores() {}

  /**
   * {@code file:///abs/dir} or a plain absolute path: a {@link LocalCheckpointStore};
   * {@code s3://bucket/prefix[?endpoint=…&region=…]}: an {@link S3CheckpointStore} (S3 or an
   * S3-compatible server; see there for every parameter).
   *
   * @throws CheckpointStoreException if the URL names no store this build can open
   */
  public static CheckpointStore open(String url) {
    requireNonNull(url, "url is null");
    String trimmed = url.trim();
    if (trimmed.startsWith("/")) {
      return new LocalCheckpointStore(Path.of(trimmed));
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw new CheckpointStoreException("checkpoint store URL '" + url + "' is not a valid URL: " + e.getMessage(), e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case "file" -> local(uri, url);
      case "s3" -> S3CheckpointStore.open(trimmed);
      default -> throw new CheckpointStoreException(
          "cannot open checkpoint store '" + url + "': expected file:///absolute/dir, an absolute path or s3://bucket/prefix");
    };
  }

  private static CheckpointStore local(URI uri, String url) {
    if (uri.getAuthority() != null && !uri.getAuthority().isEmpty() && !uri.getAuthority().equals("localhost")) {
      throw new CheckpointStoreException(
          "cannot open checkpoint store '" + url + "': a file URL must not name a host (use file:///absolute/dir)");
    }
    if (uri.getPath() == null || !uri.getPath().startsWith("/")) {
      throw new CheckpointStoreException(
          "cannot open checkpoint store '" + url + "': a file URL needs an absolute path (file:///absolute/dir)");
    }
    return new LocalCheckpointStore(Path.of(uri.getPath()));
  }
}
