package io.tributary.engine.operator;

import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.engine.runtime.KeyHasher;
import io.tributary.engine.state.ChainPolicy;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Runs a keyed operator as the runtime would at some parallelism: rows go to the subtask that
 * owns their key hash, watermarks to every subtask. A run snapshots all subtasks after every
 * step of the first phase (so that the state of the last checkpoint is a chain of incremental
 * files) and restores them at another parallelism for the second, so that tests can compare its
 * output with a straight run's.
 */
final class RescaleHarness {
  /** What is fed to the subtasks. */
  sealed interface Step {
    /** Rows of one input ({@code side} -1 for single-input operators), with their event times. */
    record Rows(int side, Schema schema, int[] keyFields, List<List<Object>> rows, List<Long> times) implements Step {}

    record Mark(long watermark) implements Step {}
  }

  private final BufferAllocator allocator;
  private final CheckpointStore store;
  /** Builds the chain of subtask (index, parallelism), not yet opened. */
  private final BiFunction<Integer, Integer, OperatorTestDriver.Builder> chain;
  private CheckpointMetadata lastRestoredFrom = CheckpointMetadata.getDefaultInstance();

  RescaleHarness(BufferAllocator allocator, CheckpointStore store,
      BiFunction<Integer, Integer, OperatorTestDriver.Builder> chain) {
    this.allocator = allocator;
    this.store = store;
    this.chain = chain;
  }

  static Step rows(Schema schema, int[] keyFields, List<List<Object>> rows, List<Long> times) {
    return new Step.Rows(-1, schema, keyFields, rows, times);
  }

  static Step side(int side, Schema schema, int[] keyFields, List<List<Object>> rows, List<Long> times) {
    return new Step.Rows(side, schema, keyFields, rows, times);
  }

  static Step mark(long watermark) {
    return new Step.Mark(watermark);
  }

  /** Every step at parallelism 1, then the end of input: the reference output. */
  Map<List<Object>, Long> straight(List<Step> first, List<Step> second) {
    List<OperatorTestDriver> drivers = List.of(chain.apply(0, 1).build());
    feed(drivers, first);
    feed(drivers, second);
    return finish(drivers);
  }

  /**
   * The first steps at parallelism {@code before}, each followed by a checkpoint, a restore
   * from the last one at parallelism {@code after}, the second steps and the end of input:
   * everything the subtasks emitted.
   */
  Map<List<Object>, Long> rescaled(List<Step> first, int before, List<Step> second, int after) {
    List<OperatorTestDriver> old = open(before);
    Map<List<Object>, Long> output;
    CheckpointMetadata.Builder metadata = CheckpointMetadata.newBuilder().setJobId("test-job");
    try {
      for (int epoch = 1; epoch <= first.size(); epoch++) {
        feed(old, List.of(first.get(epoch - 1)));
        metadata.clearSubtasks().setEpoch(epoch);
        for (OperatorTestDriver driver : old) {
          metadata.addSubtasks(driver.snapshot(store, epoch));
        }
      }
      lastRestoredFrom = metadata.build();
      output = collect(old);
    } finally {
      old.forEach(OperatorTestDriver::close);
    }
    List<OperatorTestDriver> restored = new ArrayList<>();
    for (int i = 0; i < after; i++) {
      restored.add(chain.apply(i, after).restoreFrom(store, metadata.build()).build());
    }
    feed(restored, second);
    finish(restored).forEach((row, count) -> output.merge(row, count, Long::sum));
    return output;
  }

  /** The checkpoint the last {@link #rescaled} run restored from. */
  CheckpointMetadata lastRestoredFrom() {
    return lastRestoredFrom;
  }

  private List<OperatorTestDriver> open(int parallelism) {
    List<OperatorTestDriver> drivers = new ArrayList<>();
    for (int i = 0; i < parallelism; i++) {
      // Deltas however small the state, so that the chains grow as long as the steps are many.
      drivers.add(chain.apply(i, parallelism).chainPolicy(new ChainPolicy(100, Double.MAX_VALUE)).build());
    }
    return drivers;
  }

  private void feed(List<OperatorTestDriver> drivers, List<Step> steps) {
    for (Step step : steps) {
      switch (step) {
        case Step.Mark mark -> drivers.forEach(driver -> driver.watermark(Watermark.eventTime(mark.watermark())));
        case Step.Rows rows -> route(drivers, rows);
      }
    }
  }

  private void route(List<OperatorTestDriver> drivers, Step.Rows step) {
    List<BatchBuilder> builders = new ArrayList<>();
    for (int i = 0; i < drivers.size(); i++) {
      builders.add(new BatchBuilder(step.schema(), allocator));
    }
    try (BatchBuilder all = new BatchBuilder(step.schema(), allocator)) {
      for (int r = 0; r < step.rows().size(); r++) {
        all.addRow(step.times().get(r), step.rows().get(r).toArray());
      }
      try (RecordBatch batch = all.build()) {
        List<FieldVector> keys = new ArrayList<>();
        for (int key : step.keyFields()) {
          keys.add(batch.column(key));
        }
        for (int r = 0; r < batch.rowCount(); r++) {
          int subtask = KeyHasher.partition(KeyHasher.hash(keys, r), drivers.size());
          builders.get(subtask).addRow(step.times().get(r), step.rows().get(r).toArray());
        }
      }
      for (int i = 0; i < drivers.size(); i++) {
        RecordBatch part = builders.get(i).build();
        if (step.side() < 0) {
          drivers.get(i).process(part);
        } else {
          drivers.get(i).process(step.side(), part);
        }
      }
    } finally {
      builders.forEach(BatchBuilder::close);
    }
  }

  private static Map<List<Object>, Long> finish(List<OperatorTestDriver> drivers) {
    try {
      drivers.forEach(OperatorTestDriver::finish);
      return collect(drivers);
    } finally {
      drivers.forEach(OperatorTestDriver::close);
    }
  }

  private static Map<List<Object>, Long> collect(List<OperatorTestDriver> drivers) {
    Map<List<Object>, Long> counts = new HashMap<>();
    for (OperatorTestDriver driver : drivers) {
      driver.outputRows().forEach(row -> counts.merge(row, 1L, Long::sum));
    }
    return counts;
  }
}
