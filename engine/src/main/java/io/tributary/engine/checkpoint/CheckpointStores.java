package io.tributary.engine.checkpoint;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

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
    String trimmed = requireNonNull(url, "url is null").trim();
    return switch (scheme(url)) {
      case "" -> new LocalCheckpointStore(Path.of(trimmed));
      case "file" -> new LocalCheckpointStore(localPath(url));
      default -> S3CheckpointStore.open(trimmed);
    };
  }

  /**
   * Checks that {@code url} names a store {@link #open} can open, without opening it (no
   * directory is made, no client is built): what a service that only records the URL needs.
   *
   * @throws CheckpointStoreException naming what is wrong with the URL
   */
  public static void check(String url) {
    switch (scheme(url)) {
      case "file" -> localPath(url);
      case "s3" -> S3Location.parse(url.trim());
      default -> { }
    }
  }

  /** "" for an absolute path, else {@code file} or {@code s3}; any other URL is refused. */
  private static String scheme(String url) {
    String trimmed = requireNonNull(url, "url is null").trim();
    if (trimmed.startsWith("/")) {
      return "";
    }
    String scheme = Optional.ofNullable(uri(url).getScheme()).orElse("").toLowerCase(Locale.ROOT);
    if (!scheme.equals("file") && !scheme.equals("s3")) {
      throw new CheckpointStoreException(
          "cannot open checkpoint store '" + url + "': expected file:///absolute/dir, an absolute path or s3://bucket/prefix");
    }
    return scheme;
  }

  private static URI uri(String url) {
    try {
      return new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new CheckpointStoreException("checkpoint store URL '" + url + "' is not a valid URL: " + e.getMessage(), e);
    }
  }

  private static Path localPath(String url) {
    URI uri = uri(url);
    if (uri.getAuthority() != null && !uri.getAuthority().isEmpty() && !uri.getAuthority().equals("localhost")) {
      throw new CheckpointStoreException(
          "cannot open checkpoint store '" + url + "': a file URL must not name a host (use file:///absolute/dir)");
    }
    if (uri.getPath() == null || !uri.getPath().startsWith("/")) {
      throw new CheckpointStoreException(
          "cannot open checkpoint store '" + url + "': a file URL needs an absolute path (file:///absolute/dir)");
    }
    return Path.of(uri.getPath());
  }
}
