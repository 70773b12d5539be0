package io.tributary.engine.runtime;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.engine.expr.ExpressionCompiler;
import io.tributary.engine.time.ProcessingClock;
import java.time.Duration;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * How a job runs on this worker, beyond what the program says.
 *
 * @param parentAllocator the allocator the job's allocators are children of; absent: the
 *     process-wide root
 * @param queueBatches capacity of a subtask's input queue, in batches
 * @param queueRows capacity of a subtask's input queue, in rows (a single larger batch is
 *     still accepted into an empty queue)
 * @param tickInterval how often operators get {@code onTick} calls
 * @param checkpointStore where the job's checkpoints go; absent: the job takes no checkpoints
 *     and sinks write directly
 */
public record ExecutionOptions(
    Optional<BufferAllocator> parentAllocator,
    ProcessingClock clock,
    RemoteChannels remoteChannels,
    ExpressionCompiler compiler,
    int queueBatches,
    int queueRows,
    Duration tickInterval,
    Optional<CheckpointStore> checkpointStore) {
  public ExecutionOptions {
    requireNonNull(checkpointStore, "checkpointStore is null");
    requireNonNull(parentAllocator, "parentAllocator is null");
    requireNonNull(clock, "clock is null");
    requireNonNull(remoteChannels, "remoteChannels is null");
    requireNonNull(compiler, "compiler is null");
    requireNonNull(tickInterval, "tickInterval is null");
    if (queueBatches <= 0 || queueRows <= 0) {
      throw new IllegalArgumentException(
          "queue capacity must be positive: " + queueBatches + " batches, " + queueRows + " rows");
    }
    if (tickInterval.isNegative() || tickInterval.isZero()) {
      throw new IllegalArgumentException("tickInterval must be positive: " + tickInterval);
    }
  }

  public static ExecutionOptions defaults() {
    return new ExecutionOptions(
        Optional.empty(),
        ProcessingClock.system(),
        RemoteChannels.NONE,
        ExpressionCompiler.shared(),
        16,
        64 * 1024,
        Duration.ofMillis(50),
        Optional.empty());
  }

  public ExecutionOptions withParentAllocator(BufferAllocator allocator) {
    return new ExecutionOptions(Optional.of(allocator), clock, remoteChannels, compiler, queueBatches, queueRows, tickInterval, checkpointStore);
  }

  public ExecutionOptions withQueueCapacity(int batches, int rows) {
    return new ExecutionOptions(parentAllocator, clock, remoteChannels, compiler, batches, rows, tickInterval, checkpointStore);
  }

  public ExecutionOptions withRemoteChannels(RemoteChannels channels) {
    return new ExecutionOptions(parentAllocator, clock, channels, compiler, queueBatches, queueRows, tickInterval, checkpointStore);
  }

  public ExecutionOptions withCompiler(ExpressionCompiler compiler) {
    return new ExecutionOptions(parentAllocator, clock, remoteChannels, compiler, queueBatches, queueRows, tickInterval, checkpointStore);
  }

  public ExecutionOptions withCheckpointStore(CheckpointStore store) {
    return new ExecutionOptions(parentAllocator, clock, remoteChannels, compiler, queueBatches, queueRows, tickInterval,
        Optional.of(store));
  }
}
