package io.tributary.connectors.file;

import io.tributary.connectors.format.SinkFormat;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.TransactionalSink;
import io.tributary.engine.state.StateCodec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The single_file sink of a job that takes checkpoints: rows go to a staging file next to the
 * target ({@code .<name>.staging/}); at a barrier the staging file is sealed as that epoch's
 * segment, and once the checkpoint is complete the segment is appended to the target. Each
 * segment records the target's length before it, so appending is idempotent: a restore appends
 * again whatever of the restored checkpoint may be missing and cuts the target back to it,
 * dropping output written after it.
 */
final class ExactlyOnceFileSink implements TransactionalSink {
  /** A sealed staging file and where it goes in the target. */
  private record Segment(long epoch, String file, long offset, long length) {
    long end() {
      return offset + length;
    }

    List<Object> encode() {
      return List.of(epoch, file, offset, length);
    }

    static Segment decode(Object encoded) {
      List<?> values = (List<?>) encoded;
      return new Segment((Long) values.get(0), (String) values.get(1), (Long) values.get(2), (Long) values.get(3));
    }
  }

  private final Path target;
  private final Path staging;
  private final String tableName;
  private final SinkFormat format;
  /** Length of the target once every committed segment is appended. */
  private long committedLength;
  private final List<Segment> pending = new ArrayList<>();
  private Path current;
  private BufferedWriter writer;
  private boolean recovered;

  ExactlyOnceFileSink(Path target, String tableName, SinkFormat format) {
    this.target = target.toAbsolutePath();
    this.staging = this.target.resolveSibling("." + this.target.getFileName() + ".staging");
    this.tableName = tableName;
    this.format = format;
  }

  @Override
  public void recover(List<byte[]> commitData) {
    if (commitData.size() > 1) {
      throw new ConnectorException("the single_file sink of table " + tableName + " cannot restore "
          + commitData.size() + " writers' output into one file");
    }
    try {
      Files.createDirectories(staging);
      long length = 0;
      if (!commitData.isEmpty()) {
        List<?> decoded = (List<?>) StateCodec.decode(commitData.getFirst());
        length = (Long) decoded.getFirst();
        for (Object encoded : decoded.subList(1, decoded.size())) {
          Segment segment = Segment.decode(encoded);
          append(segment);
          length = segment.end();
        }
      }
      try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        if (out.size() < length) {
          throw new ConnectorException("cannot restore " + target + " for table " + tableName + ": it has "
              + out.size() + " bytes but the checkpoint committed " + length);
        }
        out.truncate(length);
        out.force(true);
      }
      committedLength = length;
      try (Stream<Path> leftovers = Files.list(staging)) {
        for (Path leftover : leftovers.toList()) {
          Files.deleteIfExists(leftover);
        }
      }
      recovered = true;
    } catch (IOException e) {
      throw new ConnectorException("cannot restore " + target + " for table " + tableName + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void write(RecordBatch batch) {
    if (!recovered) {
      throw new IllegalStateException("the exactly-once sink of table " + tableName + " was not recovered first");
    }
    try {
      if (writer == null) {
        current = staging.resolve("in-progress-" + UUID.randomUUID());
        writer = new BufferedWriter(new OutputStreamWriter(
            Files.newOutputStream(current, StandardOpenOption.CREATE_NEW), StandardCharsets.UTF_8));
      }
      for (String row : format.render(batch)) {
        writer.write(row);
        writer.newLine();
      }
    } catch (IOException e) {
      throw new ConnectorException("cannot stage rows for " + target + ": " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] preCommit(long epoch) {
    seal(epoch);
    List<Object> data = new ArrayList<>();
    data.add(committedLength);
    pending.forEach(segment -> data.add(segment.encode()));
    return StateCodec.encode(data);
  }

  @Override
  public void commit(long epoch) {
    while (!pending.isEmpty() && pending.getFirst().epoch() <= epoch) {
      Segment segment = pending.removeFirst();
      try {
        append(segment);
        Files.deleteIfExists(staging.resolve(segment.file()));
      } catch (IOException e) {
        throw new ConnectorException("cannot commit rows of checkpoint " + epoch + " to " + target + ": "
            + e.getMessage(), e);
      }
      committedLength = segment.end();
    }
  }

  /** End of input: what is written after the last checkpoint is committed too. */
  @Override
  public void finish() {
    seal(Long.MAX_VALUE);
    commit(Long.MAX_VALUE);
    try {
      // Everything is in the target now; an empty staging directory would only puzzle users.
      Files.deleteIfExists(staging);
    } catch (DirectoryNotEmptyException e) {
      // Something else keeps files there; they are not ours to remove.
    } catch (IOException e) {
      throw new ConnectorException("cannot remove the staging directory " + staging + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        throw new ConnectorException("cannot close the staging file of " + target + ": " + e.getMessage(), e);
      } finally {
        writer = null;
      }
    }
  }

  /** Closes the staging file as the segment of {@code epoch}, placed after every pending one. */
  private void seal(long epoch) {
    if (writer == null) {
      return;
    }
    try {
      writer.close();
      writer = null;
      String name = "epoch-" + epoch;
      Files.move(current, staging.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      long offset = pending.isEmpty() ? committedLength : pending.getLast().end();
      pending.add(new Segment(epoch, name, offset, Files.size(staging.resolve(name))));
    } catch (IOException e) {
      throw new ConnectorException("cannot seal the staging file of " + target + ": " + e.getMessage(), e);
    }
  }

  /** Appends a segment unless the target already holds it (cutting off anything after its start). */
  private void append(Segment segment) throws IOException {
    try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      long size = out.size();
      if (size >= segment.end()) {
        return;
      }
      if (size < segment.offset()) {
        throw new IOException("it has " + size + " bytes but the rows of checkpoint " + segment.epoch()
            + " belong at byte " + segment.offset());
      }
      out.truncate(segment.offset());
      try (FileChannel in = FileChannel.open(staging.resolve(segment.file()), StandardOpenOption.READ)) {
        long copied = 0;
        while (copied < segment.length()) {
          copied += out.transferFrom(in, segment.offset() + copied, segment.length() - copied);
        }
      }
      out.force(true);
    }
  }
}
