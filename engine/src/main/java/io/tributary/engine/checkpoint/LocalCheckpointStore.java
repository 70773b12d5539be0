package io.tributary.engine.checkpoint;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
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
    try (StoreOutput output = create(path)) {
      output.write(content);
      output.publish();
    } catch (IOException e) {
      throw failure("write", path, e);
    }
  }

  /** Writes to a temporary file next to the target, moved over it atomically on publish. */
  @Override
  public StoreOutput create(String path) {
    Path target = resolve(path);
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), TEMP_SUFFIX);
      OutputStream file = Files.newOutputStream(temp);
      return new StoreOutput() {
        @Override
        protected void doWrite(byte[] bytes, int offset, int length) throws IOException {
          file.write(bytes, offset, length);
        }

        @Override
        protected void doPublish() {
          try {
            file.close();
            try {
              Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
              Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
          } catch (IOException e) {
            doAbort();
            throw failure("write", path, e);
          }
        }

        @Override
        protected void doAbort() {
          try {
            file.close();
            Files.deleteIfExists(temp);
          } catch (IOException e) {
            // A leftover temporary file is skipped by list() and gone with its checkpoint's directory.
          }
        }
      };
    } catch (IOException e) {
      throw failure("write", path, e);
    }
  }

  @Override
  public Optional<InputStream> readStream(String path) {
    try {
      return Optional.of(Files.newInputStream(resolve(path)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw failure("read", path, e);
    }
  }

  @Override
  public void delete(Collection<String> paths) {
    for (String path : paths) {
      Path file = resolve(path);
      try {
        Files.deleteIfExists(file);
        deleteEmptyParents(file.getParent());
      } catch (IOException e) {
        throw failure("delete", path, e);
      }
    }
  }

  /** Directories a deletion emptied go too, up to the root, so that retention leaves no husks. */
  private void deleteEmptyParents(Path directory) throws IOException {
    Path current = directory;
    while (current != null && current.startsWith(root) && !current.equals(root)) {
      try (Stream<Path> entries = Files.list(current)) {
        if (entries.findAny().isPresent()) {
          return;
        }
      } catch (NoSuchFileException e) {
        return;
      }
      try {
        Files.deleteIfExists(current);
      } catch (DirectoryNotEmptyException e) {
        return;
      }
      current = current.getParent();
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
