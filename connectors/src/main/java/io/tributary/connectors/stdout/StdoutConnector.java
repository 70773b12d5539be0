package io.tributary.connectors.stdout;

import static java.util.Objects.requireNonNull;

import io.tributary.connectors.format.SinkFormat;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.Connector;
import io.tributary.engine.connector.Sink;
import io.tributary.engine.connector.SinkContext;
import java.io.PrintStream;

/**
 * {@code stdout}: each row as a JSON line on standard output, in the sink's {@code format}
 * ('json', the default, or 'debezium_json'; see {@link SinkFormat}).
 */
public final class StdoutConnector implements Connector {
  private final PrintStream out;

  public StdoutConnector() {
    this(System.out);
  }

  public StdoutConnector(PrintStream out) {
    this.out = requireNonNull(out, "out is null");
  }

  @Override
  public String name() {
    return "stdout";
  }

  @Override
  public Sink createSink(SinkContext context) {
    SinkFormat format = SinkFormat.of(context);
    return new Sink() {
      @Override
      public void write(RecordBatch batch) {
        StringBuilder lines = new StringBuilder();
        for (String row : format.render(batch)) {
          lines.append(row).append('\n');
        }
        // One print per batch keeps the lines of parallel subtasks from interleaving.
        synchronized (out) {
          out.print(lines);
          out.flush();
        }
      }

      @Override
      public void finish() {
        out.flush();
      }
    };
  }
}
