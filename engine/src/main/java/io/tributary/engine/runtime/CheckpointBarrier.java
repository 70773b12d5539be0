package io.tributary.engine.runtime;

/**
 * The marker that separates a stream's rows before checkpoint {@code epoch} from those after
 * it; it flows along every channel, in order with the rows.
 *
 * @param thenStop the job stops after this checkpoint: nothing follows the barrier
 */
public record CheckpointBarrier(long epoch, boolean thenStop) {
  public CheckpointBarrier {
    if (epoch <= 0) {
      throw new IllegalArgumentException("checkpoint epochs start at 1, not " + epoch);
    }
  }
}
