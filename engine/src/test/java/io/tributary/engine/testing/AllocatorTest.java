package io.tributary.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;

/** A test that takes Arrow memory: each test gets an allocator of its own and must give back all it took. */
public abstract class AllocatorTest {
  protected final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  protected void closeAllocator() {
    assertThat(allocator.getAllocatedMemory()).as("Arrow memory left behind").isZero();
    allocator.close();
  }
}
