package io.tributary.engine.connector;

import java.util.List;

/**
 * A sink that writes exactly once through checkpoints (two-phase commit). The runtime uses this
 * capability only when the job takes checkpoints ({@link SinkContext#checkpointed()}); then:
 *
 * <ol>
 *   <li>{@link #recover} once, before any row: with the commit data of the checkpoint the job
 *       restores from (empty on a fresh start);
 *   <li>{@link #write} rows, which must stay invisible until committed;
 *   <li>at each barrier {@link #preCommit}: everything written so far belongs to that epoch;
 *       its result is kept in the checkpoint;
 *   <li>{@link #commit} once the checkpoint is complete (durable);
 *   <li>{@link #finish} at the end of bounded input commits everything left.
 * </ol>
 */
public interface TransactionalSink extends Sink {
  /**
   * Makes the restored checkpoint's output visible, whether or not it was committed before
   * (idempotently), and discards any output written after it. Each element is the
   * {@link #preCommit} result of one old subtask (several after a change of parallelism).
   */
  void recover(List<byte[]> commitData);

  /** Seals what was written since the previous barrier as part of {@code epoch}; returns what a restore needs to commit it. */
  byte[] preCommit(long epoch);

  /** The checkpoint of {@code epoch} is complete: make everything pre-committed up to it visible. */
  void commit(long epoch);
}
