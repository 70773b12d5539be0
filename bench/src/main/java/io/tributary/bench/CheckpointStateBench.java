package io.tributary.bench;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.checkpoint.CheckpointPaths;
import io.tributary.engine.checkpoint.LocalCheckpointStore;
import io.tributary.engine.operator.UpdatingAggregateOperator;
import io.tributary.engine.state.ChainPolicy;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import io.tributary.proto.program.AggregateCall;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.TypeKind;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Checkpoint and restore time of one subtask's keyed state: an updating aggregate
 * ({@code GROUP BY k: COUNT(*), SUM(v), MIN(v), MAX(v), AVG(d)}) is fed {@code --keys} distinct
 * keys through the operator API, snapshotted into a {@link LocalCheckpointStore} by the state
 * writer the runtime uses (epoch 1: a full file). Then every {@code 100 / --changed-percent}-th
 * key gets one more row and the operator snapshots again (epoch 2: a delta, unless
 * {@code --full-only}), and the state is restored from epoch 2 into a fresh operator. Prints one
 * {@code RESULT {json}}.
 *
 * <pre>usage: CheckpointStateBench --keys 2000000 --dir target/cp [--key-bytes 24] [--changed-percent 1] [--full-only] [--tag T]</pre>
 */
public final class CheckpointStateBench {
  private static final int BATCH_ROWS = 8192;
  private static final String OPERATOR = "updating_1";
  /** CPU time of the (single) benchmark thread: on a shared, loaded machine wall time mostly measures the others. */
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CheckpointStateBench() {}

  private static DataType type(TypeKind kind) {
    return DataType.newBuilder().setKind(kind).build();
  }

  private static Field field(String name, TypeKind kind, boolean nullable) {
    return Field.newBuilder().setName(name).setType(type(kind)).setNullable(nullable).build();
  }

  private static AggregateCall call(String function, TypeKind result, Integer... arguments) {
    return AggregateCall.newBuilder().setFunction(function).setType(type(result)).setNullable(true)
        .addAllArguments(List.of(arguments)).build();
  }

  /** One row for every {@code stride}-th key below {@code keys}; the changelog is dropped, to keep memory to the state. */
  private static void feed(OperatorTestDriver driver, org.apache.arrow.vector.types.pojo.Schema input,
      BufferAllocator allocator, String pad, long keys, long stride) {
    long key = 0;
    while (key < keys) {
      try (BatchBuilder builder = new BatchBuilder(input, allocator)) {
        for (int row = 0; row < BATCH_ROWS && key < keys; row++, key += stride) {
          builder.addRow(key, String.format("%s%012d", pad, key), key, key / 2.0, false);
        }
        driver.process(builder.build());
      }
      driver.clearOutputs();
    }
  }

  private static long directoryBytes(LocalCheckpointStore store, long epoch) throws java.io.IOException {
    long bytes = 0;
    for (String path : store.list(CheckpointPaths.epochDirectory("bench", epoch))) {
      bytes += Files.size(store.root().resolve(path));
    }
    return bytes;
  }

  public static void main(String[] args) throws Exception {
    long keys = 1_000_000;
    int keyBytes = 24;
    Path dir = null;
    String tag = "";
    double changedPercent = 1;
    ChainPolicy policy = ChainPolicy.DEFAULT;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--keys" -> keys = NexmarkRunner.parseCount(args[++i]);
        case "--key-bytes" -> keyBytes = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]).toAbsolutePath();
        case "--tag" -> tag = args[++i];
        case "--changed-percent" -> changedPercent = Double.parseDouble(args[++i]);
        case "--full-only" -> policy = ChainPolicy.FULL_ONLY;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (dir == null) {
      throw new IllegalArgumentException("--dir is required");
    }
    List<AggregateCall> calls = List.of(call("COUNT", TypeKind.INT64), call("SUM", TypeKind.INT64, 1),
        call("MIN", TypeKind.INT64, 1), call("MAX", TypeKind.INT64, 1), call("AVG", TypeKind.FLOAT64, 2));
    org.apache.arrow.vector.types.pojo.Schema input = ArrowTypes.toArrow(Schema.newBuilder()
        .addFields(field("k", TypeKind.UTF8, true)).addFields(field("v", TypeKind.INT64, true))
        .addFields(field("d", TypeKind.FLOAT64, true)).addFields(field("_is_retract", TypeKind.BOOLEAN, false))
        .addFields(field("_timestamp", TypeKind.TIMESTAMP, false)).build());
    Schema.Builder outputSchema = Schema.newBuilder().addFields(field("k", TypeKind.UTF8, true));
    for (int i = 0; i < calls.size(); i++) {
      outputSchema.addFields(field("a" + i, calls.get(i).getType().getKind(), true));
    }
    org.apache.arrow.vector.types.pojo.Schema output = ArrowTypes.toArrow(outputSchema
        .addFields(field("_is_retract", TypeKind.BOOLEAN, false))
        .addFields(field("_timestamp", TypeKind.TIMESTAMP, false)).build());
    io.tributary.proto.program.UpdatingAggregateOperator spec = io.tributary.proto.program.UpdatingAggregateOperator
        .newBuilder().addKeyFields(0).addAllAggregates(calls).build();
    String pad = "x".repeat(Math.max(0, keyBytes - 12));

    LocalCheckpointStore store = new LocalCheckpointStore(dir);
    Runtime runtime = Runtime.getRuntime();
    try (BufferAllocator allocator = new RootAllocator()) {
      CheckpointMetadata metadata;
      long loadNanos;
      long snapshotNanos;
      long deltaSnapshotNanos;
      long snapshotCpuNanos;
      long deltaSnapshotCpuNanos;
      long heapWithState;
      long stride = Math.max(1, Math.round(100 / changedPercent));
      try (OperatorTestDriver driver = OperatorTestDriver.builder(allocator, input).jobId("bench")
          .operator(OPERATOR, new UpdatingAggregateOperator(spec), output).chainPolicy(policy).build()) {
        long start = System.nanoTime();
        feed(driver, input, allocator, pad, keys, 1);
        loadNanos = System.nanoTime() - start;
        System.gc();
        heapWithState = runtime.totalMemory() - runtime.freeMemory();

        start = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        driver.snapshot(store, 1);
        snapshotNanos = System.nanoTime() - start;
        snapshotCpuNanos = THREADS.getCurrentThreadCpuTime() - cpu;

        feed(driver, input, allocator, pad, keys, stride);
        System.gc();
        start = System.nanoTime();
        cpu = THREADS.getCurrentThreadCpuTime();
        SubtaskCheckpoint report = driver.snapshot(store, 2);
        deltaSnapshotNanos = System.nanoTime() - start;
        deltaSnapshotCpuNanos = THREADS.getCurrentThreadCpuTime() - cpu;
        metadata = CheckpointMetadata.newBuilder().setJobId("bench").setEpoch(2).addSubtasks(report).build();
      }
      long bytes = directoryBytes(store, 1);
      long deltaBytes = directoryBytes(store, 2);
      List<String> files = store.list(CheckpointPaths.epochDirectory("bench", 1));
      System.gc();

      long start = System.nanoTime();
      long restoreCpu = THREADS.getCurrentThreadCpuTime();
      long restoredRows;
      try (OperatorTestDriver restored = OperatorTestDriver.builder(allocator, input).jobId("bench")
          .operator(OPERATOR, new UpdatingAggregateOperator(spec), output).restoreFrom(store, metadata).build()) {
        long restoreNanos = System.nanoTime() - start;
        long restoreCpuNanos = THREADS.getCurrentThreadCpuTime() - restoreCpu;
        // One more row for key 0 (which epoch 2 changed): the restored state must retract count 2 and emit count 3.
        try (BatchBuilder builder = new BatchBuilder(input, allocator)) {
          builder.addRow(0L, String.format("%s%012d", pad, 0), 0L, 0.0, false);
          restored.process(builder.build());
        }
        List<List<Object>> rows = restored.outputRows();
        restoredRows = rows.size();
        if (rows.size() != 2 || !Long.valueOf(3).equals(rows.get(1).get(1))) {
          throw new IllegalStateException("restored state is wrong: " + rows);
        }
        System.out.println("RESULT " + String.format(Locale.ROOT,
            "{\"tag\":\"%s\",\"keys\":%d,\"key_bytes\":%d,\"files\":%d,\"checkpoint_bytes\":%d,"
                + "\"bytes_per_key\":%.1f,\"load_s\":%.3f,\"heap_with_state_mb\":%d,\"snapshot_s\":%.3f,"
                + "\"snapshot_mb_per_s\":%.1f,\"changed_percent\":%.2f,\"delta_bytes\":%d,\"delta_snapshot_s\":%.3f,"
                + "\"chain\":%d,\"restore_s\":%.3f,\"restore_mb_per_s\":%.1f,\"check_rows\":%d,"
                + "\"snapshot_cpu_s\":%.3f,\"delta_snapshot_cpu_s\":%.3f,\"restore_cpu_s\":%.3f}",
            tag, keys, keyBytes, files.size(), bytes, bytes / (double) keys, loadNanos / 1e9, heapWithState >> 20,
            snapshotNanos / 1e9, bytes / 1e6 / (snapshotNanos / 1e9), 100.0 / stride, deltaBytes,
            deltaSnapshotNanos / 1e9, metadata.getSubtasks(0).getOperators(0).getTablesList().stream()
                .filter(table -> table.getName().equals("keys")).findFirst().orElseThrow().getChainCount(),
            restoreNanos / 1e9, (bytes + deltaBytes) / 1e6 / (restoreNanos / 1e9), restoredRows,
            snapshotCpuNanos / 1e9, deltaSnapshotCpuNanos / 1e9, restoreCpuNanos / 1e9));
      }
    }
  }
}
