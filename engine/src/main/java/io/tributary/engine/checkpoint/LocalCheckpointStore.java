package io.tributary.engine.checkpoint;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A checkpoint store in a local (or mounted) directory. A write goes to a temporary file in the
 * target's directory and is then moved over the target atomically, so a reader (or a restore
 * after a crash) sees the old content or the whole new one, never a torn file.
 */
public final class LocalCheckpointStore implements CheckpointStore {
  private static final String TEMP_SUFFIX = ".tmp";

  private final Path root;

  public LocalCheckpointStore(Path root) {
    requireNonNull(root, "root is null");
    if (!root.isAbsolute()) {
      throw new IllegalArgumentException("a local checkpoint store needs an absolute directory, not " + root);
    }
    this.root = root.normalize();
  }

  public Path root() {
    return root;
  }

  @Override
  public void write(String path, byte[] content) {
    requireNonNull(content, "content is null");
    Path target = resolve(path);
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), TEMP_SUFFIX);
      try {
        Files.write(temp, content);
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw failure("write", path, e);
    }
  }

  @Override
  public Optional<byte[]> read(String path) {
    try {
      return Optional.of(Files.readAllBytes(resolve(path)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw failure("read", path, e);
    }
  }

  @Override
  public List<String> list(String prefix) {
    Path directory = resolveDirectory(prefix);
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile)
          .filter(file -> !file.getFileName().toString().endsWith(TEMP_SUFFIX))
          .map(file -> root.relativize(file).toString().replace(java.io.File.separatorChar, '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw failure("list", prefix, e);
    }
  }

  @Override
  public void deleteAll(String prefix) {
    Path directory = resolveDirectory(prefix);
    if (!Files.exists(directory)) {
      return;
    }
    try {
      Files.walkFileTree(directory, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          if (e != null) {
            throw e;
          }
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw failure("delete everything under", prefix, e);
    }
  }

  @Override
  public String location() {
    return root.toUri().toString();
  }

  private Path resolveDirectory(String prefix) {
    requireNonNull(prefix, "prefix is null");
    if (!prefix.endsWith("/")) {
      throw new IllegalArgumentException("a prefix must end in '/': '" + prefix + "'");
    }
    return resolve(prefix.substring(0, prefix.length() - 1));
  }

  private Path resolve(String path) {
    requireNonNull(path, "path is null");
    Path resolved = root.resolve(path).normalize();
    if (path.isEmpty() || path.startsWith("/") || !resolved.startsWith(root) || resolved.equals(root)) {
      throw new IllegalArgumentException("'" + path + "' is not a path inside the checkpoint store " + location());
    }
    return resolved;
  }

  private CheckpointStoreException failure(String operation, String path, IOException e) {
    return new CheckpointStoreException(
        "cannot " + operation + " '" + path + "' in checkpoint store " + location() + ": " + e, e);
  }
}
