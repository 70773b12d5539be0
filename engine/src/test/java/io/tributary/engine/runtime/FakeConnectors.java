package io.tributary.engine.runtime;

import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.Connector;
import io.tributary.engine.connector.Sink;
import io.tributary.engine.connector.SinkContext;
import io.tributary.engine.connector.Source;
import io.tributary.engine.connector.SourceContext;
import io.tributary.engine.operator.Watermark;
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
