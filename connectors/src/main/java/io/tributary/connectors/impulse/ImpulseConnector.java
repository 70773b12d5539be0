package io.tributary.connectors.impulse;

import static java.util.Objects.requireNonNull;

import io.tributary.connectors.rate.Pacer;
import io.tributary.connectors.rate.Sleeper;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.connector.Connector;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.Source;
import io.tributary.engine.connector.SourceContext;
import io.tributary.engine.state.StateReader;
import io.tributary.engine.state.StateWriter;
import io.tributary.engine.state.Stateful;
import io.tributary.engine.state.StripedSequence;
import io.tributary.engine.time.ProcessingClock;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * {@code impulse}: generated rows {@code (counter BIGINT, subtask_index BIGINT, timestamp
 * TIMESTAMP)}, as in Arroyo. Subtask {@code i} of {@code n} emits counters {@code i, i + n, i +
 * 2n, …}, so counters are unique across subtasks. Options: {@code event_rate} (rows per second
 * per subtask; absent: as fast as possible), {@code message_count} (rows per subtask; absent:
 * unbounded). The row's event time is its {@code timestamp}, the processing time it was made.
 *
 * <p>Its checkpointed position says which counters were emitted, so a restore at another
 * parallelism emits each remaining counter exactly once (and the total stays
 * {@code message_count} × the parallelism of the first run).
 */
public final class ImpulseConnector implements Connector {
  static final int MAX_BATCH_ROWS = 1024;
  private static final String POSITION_TABLE = "position";

  private final Sleeper sleeper;

  public ImpulseConnector() {
    this(Sleeper.SYSTEM);
  }

  public ImpulseConnector(Sleeper sleeper) {
    this.sleeper = requireNonNull(sleeper, "sleeper is null");
  }

  @Override
  public String name() {
    return "impulse";
  }

  @Override
  public Source createSource(SourceContext context) {
    double rate = context.options().doubleValue("event_rate").orElse(0.0);
    if (rate < 0 || Double.isNaN(rate)) {
      throw new ConnectorException(
          "option 'event_rate' of table " + context.tableName() + " must not be negative: " + rate);
    }
    long count = context.options().longValue("message_count").orElse(Long.MAX_VALUE);
    if (count < 0) {
      throw new ConnectorException(
          "option 'message_count' of table " + context.tableName() + " must not be negative: " + count);
    }
    return new ImpulseSource(context, rate, count);
  }

  private final class ImpulseSource implements Source, Stateful {
    private final SourceContext context;
    private final ProcessingClock clock;
    private final Pacer pacer;
    private StripedSequence counters;
    private final int counterColumn;
    private final int subtaskColumn;
    private final int timestampColumn;
    /** Rows emitted by this instance, for pacing. */
    private long emitted;

    ImpulseSource(SourceContext context, double rate, long count) {
      this.context = context;
      this.clock = context.clock();
      long end = count == Long.MAX_VALUE || count > Long.MAX_VALUE / context.parallelism()
          ? Long.MAX_VALUE
          : count * context.parallelism();
      this.counters = StripedSequence.start(context.subtaskIndex(), context.parallelism(), end);
      this.pacer = new Pacer(rate, clock, sleeper);
      List<Field> fields = context.outputSchema().getFields();
      this.counterColumn = column(fields, "counter");
      this.subtaskColumn = column(fields, "subtask_index");
      this.timestampColumn = column(fields, "timestamp");
    }

    private static int column(List<Field> fields, String name) {
      for (int i = 0; i < fields.size() - 1; i++) {
        if (fields.get(i).getName().equals(name)) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public void snapshot(StateWriter writer) {
      writer.writeGlobal(POSITION_TABLE, Map.of("counters", counters.snapshot()));
    }

    @Override
    public void restore(StateReader reader) {
      List<byte[]> old = reader.global(POSITION_TABLE).values().stream().map(entries -> entries.get("counters")).toList();
      if (!old.isEmpty()) {
        counters = StripedSequence.restore(old, context.subtaskIndex(), context.parallelism());
      }
    }

    @Override
    public PollResult poll(Output output) {
      if (!counters.hasNext()) {
        return PollResult.FINISHED;
      }
      long due;
      try {
        due = pacer.due(emitted, MAX_BATCH_ROWS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ConnectorException("impulse source of table " + context.tableName() + " was interrupted", e);
      }
      if (due == 0) {
        return PollResult.MORE;
      }
      try (BatchBuilder builder = new BatchBuilder(context.outputSchema(), context.allocator())) {
        for (long i = 0; i < due && counters.hasNext(); i++) {
          long counter = counters.next();
          counters.advance();
          long timestamp = clock.nowNanos();
          if (counterColumn >= 0) {
            builder.set(counterColumn, counter);
          }
          if (subtaskColumn >= 0) {
            builder.set(subtaskColumn, (long) context.subtaskIndex());
          }
          if (timestampColumn >= 0) {
            builder.set(timestampColumn, timestamp);
          }
          builder.endRow(timestamp);
        }
        emitted += builder.rowCount();
        output.emit(builder.build());
      }
      return counters.hasNext() ? PollResult.MORE : PollResult.FINISHED;
    }
  }
}
