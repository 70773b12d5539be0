package io.tributary.connectors.nexmark;

import static java.util.Objects.requireNonNull;

import io.tributary.connectors.rate.Pacer;
import io.tributary.connectors.rate.Sleeper;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.connector.Connector;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.Source;
import io.tributary.engine.connector.SourceContext;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * {@code nexmark}: the Nexmark benchmark's event stream as Arroyo's source emits it, one row
 * per event with struct columns {@code person}, {@code auction} and {@code bid}, exactly one
 * of them set. Options: {@code event_rate} (events per second for the whole source, split
 * over its subtasks; required), {@code runtime} (seconds of events to generate; absent:
 * unbounded). Event {@code n}'s time is {@code n / event_rate} seconds after the source
 * started, and subtask {@code i} of {@code p} generates the events {@code n ≡ i (mod p)}.
 */
public final class NexmarkConnector implements Connector {
  private static final int MAX_BATCH_ROWS = 1024;

  private final Sleeper sleeper;

  public NexmarkConnector() {
    this(Sleeper.SYSTEM);
  }

  public NexmarkConnector(Sleeper sleeper) {
    this.sleeper = requireNonNull(sleeper, "sleeper is null");
  }

  @Override
  public String name() {
    return "nexmark";
  }

  @Override
  public Source createSource(SourceContext context) {
    double rate = context.options().doubleValue("event_rate").orElseThrow(() -> new ConnectorException(
        "table " + context.tableName() + " needs the option 'event_rate'"));
    if (!(rate > 0)) {
      throw new ConnectorException(
          "option 'event_rate' of table " + context.tableName() + " must be positive, not " + rate);
    }
    long total = context.options().doubleValue("runtime")
        .map(seconds -> {
          if (!(seconds > 0)) {
            throw new ConnectorException(
                "option 'runtime' of table " + context.tableName() + " must be positive, not " + seconds);
          }
          return (long) Math.ceil(seconds * rate);
        })
        .orElse(Long.MAX_VALUE);
    return new NexmarkSource(context, rate, total);
  }

  private final class NexmarkSource implements Source {
    private final SourceContext context;
    private final Pacer pacer;
    private final long nanosPerEvent;
    private final long total;
    private final int personColumn;
    private final int auctionColumn;
    private final int bidColumn;
    private long emitted;
    private long startNanos = Long.MIN_VALUE;

    NexmarkSource(SourceContext context, double rate, long total) {
      this.context = context;
      this.pacer = new Pacer(rate / context.parallelism(), context.clock(), sleeper);
      this.nanosPerEvent = Math.max(1L, Math.round(1e9 / rate));
      this.total = total;
      List<Field> fields = context.outputSchema().getFields();
      this.personColumn = column(fields, "person");
      this.auctionColumn = column(fields, "auction");
      this.bidColumn = column(fields, "bid");
    }

    private static int column(List<Field> fields, String name) {
      for (int i = 0; i < fields.size() - 1; i++) {
        if (fields.get(i).getName().equals(name)) {
          return i;
        }
      }
      return -1;
    }

    /** Events of this subtask: n = subtask + k * parallelism, below total. */
    private long eventCount() {
      long remaining = total - context.subtaskIndex();
      return remaining <= 0 ? 0 : (remaining - 1) / context.parallelism() + 1;
    }

    @Override
    public PollResult poll(Output output) {
      long count = eventCount();
      if (emitted >= count) {
        return PollResult.FINISHED;
      }
      if (startNanos == Long.MIN_VALUE) {
        startNanos = context.clock().nowNanos();
      }
      long due;
      try {
        due = pacer.due(emitted, Math.min(count - emitted, MAX_BATCH_ROWS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ConnectorException("nexmark source of table " + context.tableName() + " was interrupted", e);
      }
      if (due == 0) {
        return PollResult.MORE;
      }
      try (BatchBuilder builder = new BatchBuilder(context.outputSchema(), context.allocator())) {
        for (long i = 0; i < due; i++) {
          long n = context.subtaskIndex() + (emitted + i) * context.parallelism();
          long time = startNanos + n * nanosPerEvent;
          switch (NexmarkGenerator.kind(n)) {
            case PERSON -> set(builder, personColumn, NexmarkGenerator.person(n, time));
            case AUCTION -> set(builder, auctionColumn, NexmarkGenerator.auction(n, time));
            case BID -> set(builder, bidColumn, NexmarkGenerator.bid(n, time));
          }
          builder.endRow(time);
        }
        output.emit(builder.build());
      }
      emitted += due;
      return emitted >= count ? PollResult.FINISHED : PollResult.MORE;
    }

    private static void set(BatchBuilder builder, int column, Object value) {
      if (column >= 0) {
        builder.set(column, value);
      }
    }
  }
}
