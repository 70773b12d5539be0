package io.tributary.engine.testing;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.engine.batch.VectorValues;
import io.tributary.engine.operator.Collector;
import io.tributary.engine.operator.Operator;
import io.tributary.engine.operator.OperatorChain;
import io.tributary.engine.operator.OperatorContext;
import io.tributary.engine.operator.Watermark;
import io.tributary.engine.state.ChainPolicy;
import io.tributary.engine.state.CheckpointStateReader;
import io.tributary.engine.state.CheckpointStateWriter;
import io.tributary.engine.state.StateHistory;
import io.tributary.engine.state.Stateful;
import io.tributary.engine.time.ManualClock;
import io.tributary.engine.time.ProcessingClock;
import java.util.ArrayList;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Runs an operator chain synchronously on the caller's thread, in the spirit of Kafka
 * Streams' {@code TopologyTestDriver}: feed explicit batches, watermarks and clock ticks,
 * then inspect what came out, in order. Output batches stay owned by the driver and are
 * closed with it.
 */
public final class OperatorTestDriver implements AutoCloseable {
  /** Something the chain emitted. */
  public sealed interface Output {
    record Batch(RecordBatch batch) implements Output {}

    record Mark(Watermark watermark) implements Output {}
  }

  private final OperatorChain chain;
  private final List<Output> outputs = new ArrayList<>();
  private boolean finished;
  private final ChainPolicy chainPolicy;
  /** What each operator's last snapshot wrote, so that the next one writes a delta, as in a subtask. */
  private final Map<String, StateHistory> stateHistories = new HashMap<>();

  private OperatorTestDriver(List<OperatorChain.Link> links, Optional<Restore> restore, ChainPolicy chainPolicy) {
    this.chainPolicy = chainPolicy;
    this.chain = new OperatorChain(links, new Collector() {
      @Override
      public void collect(RecordBatch batch) {
        outputs.add(new Output.Batch(batch));
      }

      @Override
      public void collectWatermark(Watermark watermark) {
        outputs.add(new Output.Mark(watermark));
      }
    });
    chain.open();
    restore.ifPresent(from -> {
      for (OperatorChain.Link link : links) {
        if (link.operator() instanceof Stateful stateful) {
          OperatorContext context = link.context();
          stateful.restore(new CheckpointStateReader(from.store(), from.metadata(), context.operatorId(),
              context.subtaskIndex(), context.parallelism(), context.allocator()));
        }
      }
    });
  }

  private record Restore(CheckpointStore store, CheckpointMetadata metadata) {}

  public static Builder builder(BufferAllocator allocator, Schema inputSchema) {
    return new Builder(allocator, inputSchema);
  }

  /** Feeds a batch (the driver owns it afterwards). */
  public OperatorTestDriver process(RecordBatch batch) {
    chain.processBatch(batch);
    return this;
  }

  /**
   * Feeds a batch of input {@code side} (0 left, 1 right) to a chain that starts with a
   * two-input operator (a join); the driver owns the batch afterwards.
   */
  public OperatorTestDriver process(int side, RecordBatch batch) {
    chain.processBatch(side, batch);
    return this;
  }

  private final long[] sideWatermarks = {Long.MIN_VALUE, Long.MIN_VALUE};
  private long combinedWatermark = Long.MIN_VALUE;

  /**
   * An event-time watermark of input {@code side} of a two-input chain: the chain sees the
   * minimum over both inputs, whenever that advances (as the runtime combines them).
   */
  public OperatorTestDriver watermark(int side, long epochNanos) {
    sideWatermarks[side] = Math.max(sideWatermarks[side], epochNanos);
    long combined = Math.min(sideWatermarks[0], sideWatermarks[1]);
    if (combined > combinedWatermark) {
      combinedWatermark = combined;
      chain.processWatermark(Watermark.eventTime(combined));
    }
    return this;
  }

  public OperatorTestDriver watermark(Watermark watermark) {
    chain.processWatermark(watermark);
    return this;
  }

  /** Gives every operator its periodic processing-time call. */
  public OperatorTestDriver tick() {
    chain.onTick();
    return this;
  }

  /** Signals the end of input. */
  public OperatorTestDriver finish() {
    if (!finished) {
      finished = true;
      chain.finish();
    }
    return this;
  }

  public List<Output> outputs() {
    return List.copyOf(outputs);
  }

  public List<RecordBatch> outputBatches() {
    return outputs.stream()
        .filter(Output.Batch.class::isInstance)
        .map(o -> ((Output.Batch) o).batch())
        .toList();
  }

  public List<Watermark> outputWatermarks() {
    return outputs.stream()
        .filter(Output.Mark.class::isInstance)
        .map(o -> ((Output.Mark) o).watermark())
        .toList();
  }

  /** All output rows, user columns only, as {@link VectorValues} represents them. */
  public List<List<Object>> outputRows() {
    List<List<Object>> rows = new ArrayList<>();
    for (RecordBatch batch : outputBatches()) {
      rows.addAll(rowsOf(batch));
    }
    return rows;
  }

  /** The event times of all output rows, in nanoseconds. */
  public List<Long> outputTimestamps() {
    List<Long> times = new ArrayList<>();
    for (RecordBatch batch : outputBatches()) {
      for (int row = 0; row < batch.rowCount(); row++) {
        times.add(batch.timestamps().get(row));
      }
    }
    return times;
  }

  /**
   * Writes the state of every stateful operator into checkpoint {@code epoch} of the chain's
   * job, as a subtask does at a barrier; the report belongs in the checkpoint's metadata.
   */
  public SubtaskCheckpoint snapshot(CheckpointStore store, long epoch) {
    List<OperatorChain.Link> links = chain.links();
    SubtaskCheckpoint.Builder report = SubtaskCheckpoint.newBuilder().setEpoch(epoch);
    for (OperatorChain.Link link : links) {
      OperatorContext context = link.context();
      report.setJobId(context.jobId()).setSubtaskIndex(context.subtaskIndex()).setParallelism(context.parallelism());
      if (link.operator() instanceof Stateful stateful) {
        CheckpointStateWriter writer = new CheckpointStateWriter(store, context.jobId(), epoch, context.operatorId(),
            context.subtaskIndex(), context.allocator(),
            stateHistories.computeIfAbsent(context.operatorId(), operator -> new StateHistory(chainPolicy)));
        stateful.snapshot(writer);
        report.addOperators(writer.checkpoint());
      }
    }
    return report.build();
  }

  /** Forgets (and closes) what was emitted so far. */
  public void clearOutputs() {
    for (RecordBatch batch : outputBatches()) {
      batch.close();
    }
    outputs.clear();
  }

  /** A batch's rows, user columns only. */
  public static List<List<Object>> rowsOf(RecordBatch batch) {
    List<List<Object>> rows = new ArrayList<>(batch.rowCount());
    for (int row = 0; row < batch.rowCount(); row++) {
      List<Object> values = new ArrayList<>(batch.columnCount() - 1);
      for (int c = 0; c < batch.columnCount() - 1; c++) {
        values.add(VectorValues.get(batch.column(c), row));
      }
      rows.add(values);
    }
    return rows;
  }

  @Override
  public void close() {
    try {
      chain.close();
    } finally {
      clearOutputs();
    }
  }

  /** Assembles the chain: operators in order, each with its output schema. */
  public static final class Builder {
    private final BufferAllocator allocator;
    private Schema schema;
    private ProcessingClock clock = new ManualClock(0);
    private String jobId = "test-job";
    private int subtaskIndex;
    private int parallelism = 1;
    private final List<OperatorChain.Link> links = new ArrayList<>();
    private Optional<Restore> restore = Optional.empty();
    private ChainPolicy chainPolicy = ChainPolicy.DEFAULT;

    private Builder(BufferAllocator allocator, Schema inputSchema) {
      this.allocator = requireNonNull(allocator, "allocator is null");
      this.schema = requireNonNull(inputSchema, "inputSchema is null");
    }

    public Builder clock(ProcessingClock clock) {
      this.clock = requireNonNull(clock, "clock is null");
      return this;
    }

    public Builder subtask(int subtaskIndex, int parallelism) {
      this.subtaskIndex = subtaskIndex;
      this.parallelism = parallelism;
      return this;
    }

    public Builder jobId(String jobId) {
      this.jobId = requireNonNull(jobId, "jobId is null");
      return this;
    }

    public Builder operator(String operatorId, Operator operator, Schema outputSchema) {
      OperatorContext context = new OperatorContext(
          jobId, operatorId, subtaskIndex, parallelism, schema, outputSchema, allocator, clock);
      links.add(new OperatorChain.Link(operator, context));
      schema = outputSchema;
      return this;
    }

    /** The chain restores its stateful operators from a complete checkpoint once opened. */
    public Builder restoreFrom(CheckpointStore store, CheckpointMetadata metadata) {
      this.restore = Optional.of(new Restore(requireNonNull(store, "store is null"),
          requireNonNull(metadata, "metadata is null")));
      return this;
    }

    /** How {@link OperatorTestDriver#snapshot} chains keyed tables; default {@link ChainPolicy#DEFAULT}, as a subtask does. */
    public Builder chainPolicy(ChainPolicy chainPolicy) {
      this.chainPolicy = requireNonNull(chainPolicy, "chainPolicy is null");
      return this;
    }

    /** Opens the chain (restoring it, if asked to) and returns the driver. */
    public OperatorTestDriver build() {
      return new OperatorTestDriver(links, restore, chainPolicy);
    }
  }
}
