package io.tributary.engine.operator.async;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.batch.VectorValues;
import io.tributary.engine.operator.Collector;
import io.tributary.engine.operator.Operator;
import io.tributary.engine.operator.OperatorContext;
import io.tributary.engine.operator.Watermark;
import io.tributary.engine.state.StateReader;
import io.tributary.engine.state.StateWriter;
import io.tributary.engine.state.Stateful;
import io.tributary.engine.time.ProcessingClock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Calls an async UDF once per row and emits the row with the call's result appended.
 *
 * <p>At most {@link AsyncOptions#maxInFlight} calls are outstanding; a row that finds every slot
 * taken waits on the subtask's thread, which is the backpressure the sources feel. Results leave
 * in input order ({@link AsyncOptions#ordered}) or as they complete, but never ahead of a
 * watermark that came before their row, nor behind one that came after: a watermark is forwarded
 * only once every earlier row is out. A call that fails, or takes longer than the timeout (on the
 * subtask's processing clock), fails the task naming the UDF, the row and why.
 *
 * <p>At a checkpoint barrier every outstanding call is awaited and its row emitted first, so the
 * checkpoint holds no call in flight and the operator no state.
 *
 * <p>Output schema: the input's columns without {@code _timestamp}, the result, then {@code _timestamp}.
 */
public final class AsyncUdfOperator implements Operator, Stateful {
  private final String udfName;
  private final Function<Object[], CompletableFuture<?>> function;
  private final int[] argumentFields;
  private final AsyncOptions options;
  private final CompletionWait wait;
  /** Rows in flight and the watermarks between them, in input order. */
  private final Deque<Entry> queue = new ArrayDeque<>();
  private int inFlight;
  private OperatorContext context;
  private ProcessingClock clock;
  /** The chain's collector, the same on every call: a barrier's drain emits through it. */
  private Collector out;

  private sealed interface Entry {}

  private record Call(Object[] row, long timestamp, CompletableFuture<?> result, long startedNanos) implements Entry {}

  private record Mark(Watermark watermark) implements Entry {}

  /**
   * @param function the UDF: arguments in, a future of its result out
   * @param argumentFields the input columns holding the arguments, in order
   */
  public AsyncUdfOperator(String udfName, Function<Object[], CompletableFuture<?>> function, List<Integer> argumentFields,
      AsyncOptions options, CompletionWait wait) {
    this.udfName = requireNonNull(udfName, "udfName is null");
    this.function = requireNonNull(function, "function is null");
    this.argumentFields = argumentFields.stream().mapToInt(Integer::intValue).toArray();
    this.options = requireNonNull(options, "options is null");
    this.wait = requireNonNull(wait, "wait is null");
  }

  @Override
  public void open(OperatorContext context) {
    this.context = context;
    this.clock = context.clock();
    int inputColumns = context.inputSchema().getFields().size() - 1;
    if (context.outputSchema().getFields().size() != inputColumns + 2) {
      throw new IllegalArgumentException("async UDF '" + udfName + "' emits the input's " + inputColumns
          + " columns and its result, but its output schema has " + (context.outputSchema().getFields().size() - 1));
    }
  }

  @Override
  public void processBatch(RecordBatch batch, Collector out) {
    this.out = out;
    try (batch) {
      int columns = batch.root().getFieldVectors().size() - 1;
      for (int row = 0; row < batch.rowCount(); row++) {
        while (inFlight >= options.maxInFlight()) {
          emitReady();
          if (inFlight >= options.maxInFlight()) {
            awaitOne();
          }
        }
        Object[] values = new Object[columns];
        for (int c = 0; c < columns; c++) {
          values[c] = VectorValues.get(batch.root().getVector(c), row);
        }
        Object[] arguments = Arrays.stream(argumentFields).mapToObj(field -> values[field]).toArray();
        queue.addLast(new Call(values, batch.timestamps().get(row), start(arguments), clock.nowNanos()));
        inFlight++;
      }
    }
    emitReady();
  }

  @Override
  public void processWatermark(Watermark watermark, Collector out) {
    this.out = out;
    queue.addLast(new Mark(watermark));
    emitReady();
  }

  @Override
  public void onTick(Collector out) {
    this.out = out;
    emitReady();
  }

  @Override
  public void finish(Collector out) {
    this.out = out;
    drain();
  }

  /** Awaits every call and emits everything, so that the barrier follows all earlier rows. */
  @Override
  public void snapshot(StateWriter writer) {
    drain();
  }

  @Override
  public void restore(StateReader reader) {
    // Nothing to restore: a checkpoint is taken with no call in flight.
  }

  private CompletableFuture<?> start(Object[] arguments) {
    try {
      return requireNonNull(function.apply(arguments), "the UDF returned no future");
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void drain() {
    emitReady();
    while (!queue.isEmpty()) {
      awaitOne();
      emitReady();
    }
  }

  /** Waits for a call to complete, up to the first deadline; fails the task past it. */
  private void awaitOne() {
    List<CompletableFuture<?>> pending = new ArrayList<>();
    long firstDeadline = Long.MAX_VALUE;
    for (Entry entry : queue) {
      if (entry instanceof Call call && !call.result().isDone()) {
        pending.add(call.result());
        firstDeadline = Math.min(firstDeadline, call.startedNanos() + options.timeout().toNanos());
      }
    }
    if (pending.isEmpty()) {
      return;
    }
    try {
      wait.awaitAny(pending, firstDeadline - clock.nowNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AsyncUdfException("interrupted while waiting for async UDF '" + udfName + "'", e);
    }
    checkTimeouts();
  }

  private void checkTimeouts() {
    long now = clock.nowNanos();
    for (Entry entry : queue) {
      if (entry instanceof Call call && !call.result().isDone()
          && now - call.startedNanos() >= options.timeout().toNanos()) {
        throw new AsyncUdfException("async UDF '" + udfName + "' did not answer within " + options.timeout().toMillis()
            + " ms for the row " + Arrays.toString(call.row()) + "; the task fails so that the row is not lost"
            + " (raise the UDF's timeout if its calls are slow)", null);
      }
    }
  }

  /** Emits what may leave now: completed rows and the watermarks all of whose earlier rows left. */
  private void emitReady() {
    checkTimeouts();
    List<Call> ready = new ArrayList<>();
    while (!queue.isEmpty()) {
      Entry head = queue.peekFirst();
      if (head instanceof Mark mark) {
        flush(ready);
        queue.removeFirst();
        out.collectWatermark(mark.watermark());
        continue;
      }
      if (((Call) head).result().isDone()) {
        ready.add((Call) queue.removeFirst());
        continue;
      }
      if (!options.ordered()) {
        // Completed rows up to the next watermark may overtake the head.
        for (Iterator<Entry> entries = queue.iterator(); entries.hasNext(); ) {
          Entry entry = entries.next();
          if (entry instanceof Mark) {
            break;
          }
          if (((Call) entry).result().isDone()) {
            ready.add((Call) entry);
            entries.remove();
          }
        }
      }
      break;
    }
    flush(ready);
  }

  private void flush(List<Call> ready) {
    if (ready.isEmpty()) {
      return;
    }
    try (BatchBuilder builder = new BatchBuilder(context.outputSchema(), context.allocator())) {
      for (Call call : ready) {
        Object[] row = Arrays.copyOf(call.row(), call.row().length + 1);
        row[row.length - 1] = result(call);
        builder.addRow(call.timestamp(), row);
      }
      inFlight -= ready.size();
      ready.clear();
      out.collect(builder.build());
    }
  }

  private Object result(Call call) {
    try {
      return call.result().get();
    } catch (ExecutionException | CompletionException e) {
      throw new AsyncUdfException("async UDF '" + udfName + "' failed for the row " + Arrays.toString(call.row())
          + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AsyncUdfException("interrupted while reading async UDF '" + udfName + "'", e);
    }
  }
}
