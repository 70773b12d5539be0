package io.tributary.engine.runtime;

import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.Connector;
import io.tributary.engine.connector.Sink;
import io.tributary.engine.connector.SinkContext;
import io.tributary.engine.connector.Source;
import io.tributary.engine.connector.SourceContext;
import io.tributary.engine.operator.Watermark;
import io.tributary.engine.state.StateReader;
import io.tributary.engine.state.StateWriter;
import io.tributary.engine.state.Stateful;
import io.tributary.engine.state.StripedSequence;
import io.tributary.engine.testing.OperatorTestDriver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/** Hand-written connectors for runtime tests. */
final class FakeConnectors {
  private FakeConnectors() {}

  /**
   * Emits rows (id, 'k' + id % 50) with event time id: ids subtask, subtask + parallelism, …
   * below option {@code rows}, in batches of {@code batch} rows; without {@code rows} it never
   * ends.
   */
  static final class CountingSource implements Connector {
    final AtomicLong emitted = new AtomicLong();
    final CountDownLatch started = new CountDownLatch(1);

    @Override
    public String name() {
      return "counting";
    }

    @Override
    public Source createSource(SourceContext context) {
      long limit = context.options().longValue("rows").orElse(Long.MAX_VALUE);
      int batchSize = context.options().longValue("batch").orElse(10L).intValue();
      return new Source() {
        long next = context.subtaskIndex();

        @Override
        public PollResult poll(Output output) {
          started.countDown();
          try (BatchBuilder builder = new BatchBuilder(context.outputSchema(), context.allocator())) {
            while (builder.rowCount() < batchSize && next < limit) {
              builder.addRow(next, next, "k" + (next % 50));
              next += context.parallelism();
            }
            int rows = builder.rowCount();
            if (rows > 0) {
              output.emit(builder.build());
              emitted.addAndGet(rows);
            }
          }
          return next >= limit ? PollResult.FINISHED : PollResult.MORE;
        }
      };
    }
  }

  /**
   * Like {@link CountingSource} (ids subtask, subtask + parallelism, … below option
   * {@code rows}, key 'k' + id % 50, event time id), but it records its position (so a job can
   * restore it at any parallelism) and emits only ids below a gate the test opens step by step.
   * Option {@code hold = true}: polls block until {@link #release} (never emitting before).
   */
  static final class GatedSource implements Connector {
    private volatile long gate;
    private volatile CountDownLatch reached = new CountDownLatch(0);
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch holding = new CountDownLatch(1);
    private final String name;

    GatedSource(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    /** Lets ids below {@code limit} through; {@link #awaitGate} then waits for {@code subtasks} to get there. */
    void open(long limit, int subtasks) {
      reached = new CountDownLatch(subtasks);
      gate = limit;
    }

    boolean awaitGate() throws InterruptedException {
      return reached.await(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Waits until a subtask of a {@code hold} source is blocked in its poll, so it sees no barrier until released. */
    boolean awaitHolding() throws InterruptedException {
      return holding.await(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    void release() {
      released.countDown();
    }

    @Override
    public Source createSource(SourceContext context) {
      long limit = context.options().longValue("rows").orElseThrow();
      int batchSize = context.options().longValue("batch").orElse(10L).intValue();
      boolean hold = context.options().string("hold").map(Boolean::parseBoolean).orElse(false);
      return new GatedSubtask(context, StripedSequence.start(context.subtaskIndex(), context.parallelism(), limit),
          batchSize, hold);
    }

    private final class GatedSubtask implements Source, Stateful {
      private final SourceContext context;
      private final int batchSize;
      private final boolean hold;
      private StripedSequence ids;
      private long reportedGate = -1;

      GatedSubtask(SourceContext context, StripedSequence ids, int batchSize, boolean hold) {
        this.context = context;
        this.ids = ids;
        this.batchSize = batchSize;
        this.hold = hold;
      }

      @Override
      public void snapshot(StateWriter writer) {
        writer.writeGlobal("position", Map.of("ids", ids.snapshot()));
      }

      @Override
      public void restore(StateReader reader) {
        List<byte[]> old = reader.global("position").values().stream().map(entries -> entries.get("ids")).toList();
        ids = StripedSequence.restore(old, context.subtaskIndex(), context.parallelism());
      }

      @Override
      public PollResult poll(Output output) {
        if (hold) {
          holding.countDown();
          try {
            released.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PollResult.MORE;
          }
        }
        long limit = gate;
        try (BatchBuilder builder = new BatchBuilder(context.outputSchema(), context.allocator())) {
          while (builder.rowCount() < batchSize && ids.hasNext() && ids.next() < limit) {
            long id = ids.next();
            builder.addRow(id, id, "k" + (id % 50));
            ids.advance();
          }
          if (builder.rowCount() > 0) {
            output.emit(builder.build());
            return PollResult.MORE;
          }
        }
        if (reportedGate != limit) {
          reportedGate = limit;
          reached.countDown();
        }
        if (!ids.hasNext()) {
          return PollResult.FINISHED;
        }
        // Waiting for the gate: return soon, so that the runtime sees barriers and stops.
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        return PollResult.MORE;
      }
    }
  }

  /** Collects rows per subtask; counts rows so that tests can wait for progress. */
  static final class CollectingSink implements Connector {
    final Map<Integer, List<List<Object>>> rows = new ConcurrentHashMap<>();
    final Map<Integer, List<Watermark>> watermarks = new ConcurrentHashMap<>();
    final AtomicLong received = new AtomicLong();
    final List<Integer> finished = Collections.synchronizedList(new ArrayList<>());
    final List<Integer> closed = Collections.synchronizedList(new ArrayList<>());
    volatile CountDownLatch receivedSome = new CountDownLatch(1);
    private final boolean preview;

    CollectingSink(boolean preview) {
      this.preview = preview;
    }

    @Override
    public String name() {
      return preview ? "preview-fake" : "collecting";
    }

    @Override
    public Sink createSink(SinkContext context) {
      int subtask = context.subtaskIndex();
      List<List<Object>> mine = Collections.synchronizedList(new ArrayList<>());
      rows.put(subtask, mine);
      List<Watermark> marks = Collections.synchronizedList(new ArrayList<>());
      watermarks.put(subtask, marks);
      return new Sink() {
        @Override
        public void write(RecordBatch batch) {
          List<List<Object>> batchRows = OperatorTestDriver.rowsOf(batch);
          mine.addAll(batchRows);
          received.addAndGet(batchRows.size());
          receivedSome.countDown();
          if (preview) {
            List<String> json = batchRows.stream().map(Object::toString).toList();
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < batch.rowCount(); i++) {
              times.add(batch.timestamps().get(i) / 1000);
            }
            context.preview().rows(json, times);
          }
        }

        @Override
        public void watermark(Watermark watermark) {
          marks.add(watermark);
        }

        @Override
        public void finish() {
          finished.add(subtask);
          if (preview) {
            context.preview().finished();
          }
        }

        @Override
        public void close() {
          closed.add(subtask);
        }
      };
    }

    List<List<Object>> allRows() {
      List<List<Object>> all = new ArrayList<>();
      rows.values().forEach(all::addAll);
      return all;
    }
  }

  /** A sink whose writes fail. */
  static final class FailingSink implements Connector {
    @Override
    public String name() {
      return "failing";
    }

    @Override
    public Sink createSink(SinkContext context) {
      return batch -> {
        throw new IllegalStateException("cannot write to table " + context.tableName() + ": disk on fire");
      };
    }
  }
}
