package io.tributary.engine.batch;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The allocator hierarchy: one process-wide root, a child per job, a child per subtask.
 * Batches crossing subtasks are transferred to the receiver's allocator, so every buffer is
 * accounted to exactly one subtask, and a job's allocators are closed together once all its
 * threads ended, which reports any leak at its source.
 */
public final class Allocators {
  private static final class Holder {
    static final BufferAllocator ROOT = new RootAllocator(Long.MAX_VALUE);
  }

  private Allocators() {}

  /** The process-wide root; never closed (it lives as long as the process). */
  public static BufferAllocator root() {
    return Holder.ROOT;
  }
}
