package io.tributary.connectors.file;

import io.tributary.connectors.format.BadDataException;
import io.tributary.connectors.format.DebeziumJsonReader;
import io.tributary.connectors.format.JsonReader;
import io.tributary.connectors.format.SinkFormat;
import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.Connector;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.ConnectorOptions;
import io.tributary.engine.connector.Sink;
import io.tributary.engine.connector.SinkContext;
import io.tributary.engine.connector.Source;
import io.tributary.engine.connector.SourceContext;
import io.tributary.engine.state.StateCodec;
import io.tributary.engine.state.StateReader;
import io.tributary.engine.state.StateWriter;
import io.tributary.engine.state.Stateful;
import io.tributary.proto.program.TypeKind;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * {@code single_file}: one local file of JSON lines. As a source it reads the file to its end
 * and finishes (only subtask 0 reads; the others finish at once); options {@code path},
 * {@code format} ('json', the default, or 'debezium_json': change envelopes read into an updating
 * stream, see {@link DebeziumJsonReader}), {@code bad_data} ('fail', the default, or 'drop'); its
 * checkpointed position is the byte offset of the next line. As a sink it writes JSON lines to
 * {@code path}, replacing the file, creating missing parent directories, and flushes and
 * closes it when the input ends; it needs parallelism 1. When the job takes checkpoints the
 * sink writes exactly once ({@link ExactlyOnceFileSink}). A sink's {@code format} is 'json'
 * (the default) or 'debezium_json' (change envelopes; the only one an updating stream may
 * use), see {@link SinkFormat}.
 *
 * <p>A source offers two metadata keys: {@code path} (TEXT, the {@code path} option as written)
 * and {@code line} (BIGINT, the 1-based line number the row was read from), e.g.
 * {@code line BIGINT METADATA FROM 'line'}.
 */
public final class SingleFileConnector implements Connector {
  private static final int MAX_BATCH_ROWS = 1024;
  private static final String POSITION_TABLE = "position";

  /** The metadata keys of a source. */
  public static final String PATH_METADATA = "path";
  public static final String LINE_METADATA = "line";

  @Override
  public String name() {
    return "single_file";
  }

  @Override
  public Map<String, TypeKind> metadata() {
    return Map.of(PATH_METADATA, TypeKind.UTF8, LINE_METADATA, TypeKind.INT64);
  }

  private static Path path(ConnectorOptions options) {
    return Path.of(options.requireString("path"));
  }

  @Override
  public Source createSource(SourceContext context) {
    ConnectorOptions options = context.options();
    boolean changes = options.choice("format", Set.of("json", "debezium_json")).orElse("json").equals("debezium_json");
    if (changes != ArrowTypes.isUpdating(context.outputSchema())) {
      throw new ConnectorException("table " + context.tableName() + (changes
          ? " reads format 'debezium_json', whose changes need an updating schema (with _is_retract)"
          : " reads format 'json' into an updating schema (with _is_retract); only 'debezium_json' reads changes"));
    }
    Path path = path(options);
    context.metadataFields().forEach((column, key) -> {
      if (!metadata().containsKey(key)) {
        throw new ConnectorException("table " + context.tableName() + " reads metadata '" + key
            + "', which single_file does not offer (it offers " + String.join(", ", new TreeSet<>(metadata().keySet())) + ")");
      }
      if (changes) {
        throw new ConnectorException("table " + context.tableName() + " reads format 'debezium_json', whose rows"
            + " cannot carry metadata columns");
      }
    });
    boolean drop = options.choice("bad_data", Set.of("fail", "drop")).orElse("fail").equals("drop");
    if (context.subtaskIndex() > 0) {
      return new IdleSource();
    }
    LineReader reader;
    try {
      reader = new LineReader(path);
    } catch (IOException e) {
      throw new ConnectorException(
          "cannot open " + path + " for table " + context.tableName() + ": " + describe(e), e);
    }
    return new FileSource(context, path, reader, drop, changes);
  }

  private static String describe(IOException e) {
    return e instanceof java.nio.file.NoSuchFileException ? "no such file" : String.valueOf(e.getMessage());
  }

  /** A subtask other than 0: reads nothing, so it has no position to keep either. */
  private static final class IdleSource implements Source, Stateful {
    @Override
    public PollResult poll(Output output) {
      return PollResult.FINISHED;
    }

    @Override
    public void snapshot(StateWriter writer) {}

    @Override
    public void restore(StateReader reader) {}
  }

  private static final class FileSource implements Source, Stateful {
    private final SourceContext context;
    private final Path path;
    private final LineReader reader;
    private final boolean dropBadData;
    /** One of: rows (format json) or change envelopes (format debezium_json). */
    private final JsonReader json;
    private final DebeziumJsonReader debezium;
    /** The {@code path} option as the user wrote it: the value of a {@code path} metadata column. */
    private final String pathOption;
    private long lineNumber;
    /** Lines to read the usual way before {@link #readPlainLine} tries again. */
    private int linesBeforePlainTry;
    private static final int LINES_AFTER_A_MISS = 16;
    /** The words naming the line being read, for errors (one object, not one per line). */
    private final Supplier<String> where;

    FileSource(SourceContext context, Path path, LineReader reader, boolean dropBadData, boolean changes) {
      this.context = context;
      this.path = path;
      this.reader = reader;
      this.dropBadData = dropBadData;
      this.json = changes ? null : new JsonReader(context.outputSchema(), context.unreadFields());
      this.debezium = changes ? new DebeziumJsonReader(context.outputSchema()) : null;
      this.pathOption = context.options().requireString("path");
      this.where = () -> "line " + lineNumber + " of " + path;
    }

    @Override
    public void snapshot(StateWriter writer) {
      writer.writeGlobal(POSITION_TABLE, Map.of(
          "offset", StateCodec.encode(reader.position()), "line", StateCodec.encode(lineNumber)));
    }

    /** Continues after the last line the old reader (subtask 0, whatever the parallelism) emitted. */
    @Override
    public void restore(StateReader state) {
      Map<String, byte[]> old = state.global(POSITION_TABLE).get(0);
      if (old == null) {
        return;
      }
      long offset = StateCodec.decodeLong(old.get("offset"));
      try {
        reader.seek(offset);
      } catch (IOException e) {
        throw new ConnectorException("cannot resume reading " + path + " for table " + context.tableName()
            + " at byte " + offset + ": " + e.getMessage(), e);
      }
      lineNumber = StateCodec.decodeLong(old.get("line"));
    }

    @Override
    public PollResult poll(Output output) {
      boolean ended = false;
      // One processing time for the lines of a batch: they are read within the same moment,
      // and asking the clock per line was a measurable share of reading a line.
      long now = context.clock().nowNanos();
      try (BatchBuilder builder = new BatchBuilder(context.outputSchema(), context.allocator())) {
        while (builder.rowCount() < MAX_BATCH_ROWS) {
          int newline = readPlainLine(builder);
          if (newline >= 0) {
            reader.take(newline);
          } else if (!reader.next()) {
            ended = true;
            break;
          }
          lineNumber++;
          if (newline < 0 && reader.blank()) {
            continue;
          }
          try {
            if (debezium != null) {
              debezium.read(reader.text(), where, builder, now);
            } else {
              if (newline < 0) {
                json.read(reader.bytes(), reader.offset(), reader.length(), where, builder);
              }
              if (!context.metadataFields().isEmpty()) {
                long number = lineNumber;
                context.metadataFields().forEach((column, key) -> builder.set(column,
                    key.equals(LINE_METADATA) ? (Object) number : pathOption));
              }
              builder.endRow(now);
            }
          } catch (BadDataException e) {
            builder.discardRow();
            if (!dropBadData) {
              throw e;
            }
          }
        }
        if (builder.rowCount() > 0) {
          output.emit(builder.build());
        }
      } catch (IOException e) {
        throw new ConnectorException(
            "cannot read line " + (lineNumber + 1) + " of " + path + ": " + e.getMessage(), e);
      }
      return ended ? PollResult.FINISHED : PollResult.MORE;
    }

    /**
     * A plain line parsed straight from the unread bytes, its end found on the way (see {@link
     * JsonReader#readLine}): the index of its '\n', or -1 to read the next line the usual way.
     * After a line that is not plain, the next few go the usual way at once: input that is
     * rarely plain is then not parsed twice.
     */
    private int readPlainLine(BatchBuilder builder) {
      if (json == null) {
        return -1;
      }
      if (linesBeforePlainTry > 0) {
        linesBeforePlainTry--;
        return -1;
      }
      int newline = json.readLine(reader.bytes(), reader.unreadStart(), reader.unreadLimit(), builder);
      if (newline < 0) {
        linesBeforePlainTry = LINES_AFTER_A_MISS;
      }
      return newline;
    }

    @Override
    public void close() {
      try {
        reader.close();
      } catch (IOException e) {
        throw new ConnectorException("cannot close " + path + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public Sink createSink(SinkContext context) {
    Path path = path(context.options());
    SinkFormat format = SinkFormat.of(context);
    if (context.parallelism() != 1) {
      throw new ConnectorException(
          "the single_file sink of table " + context.tableName() + " writes one file and needs "
              + "parallelism 1, not " + context.parallelism());
    }
    if (context.checkpointed()) {
      return new ExactlyOnceFileSink(path, context.tableName(), format);
    }
    BufferedWriter writer;
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConnectorException(
          "cannot create " + path + " for table " + context.tableName() + ": " + e.getMessage(), e);
    }
    return new FileSink(path, writer, format);
  }

  private static final class FileSink implements Sink {
    private final Path path;
    private final BufferedWriter writer;
    private final SinkFormat format;
    private boolean closed;

    FileSink(Path path, BufferedWriter writer, SinkFormat format) {
      this.path = path;
      this.writer = writer;
      this.format = format;
    }

    @Override
    public void write(RecordBatch batch) {
      try {
        for (String row : format.render(batch)) {
          writer.write(row);
          writer.newLine();
        }
      } catch (IOException e) {
        throw new ConnectorException("cannot write to " + path + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void finish() {
      close();
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      try {
        writer.close();
      } catch (IOException e) {
        throw new ConnectorException("cannot flush and close " + path + ": " + e.getMessage(), e);
      }
    }
  }
}
