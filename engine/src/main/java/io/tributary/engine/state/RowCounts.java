package io.tributary.engine.state;

/**
 * A multiset of state rows, each named by ({@code _key_hash}, {@link RowHasher row hash}), in
 * flat arrays (20 bytes a slot, at most half full) rather than boxed entries: the writer keeps
 * one per keyed table between epochs to find what changed, and for millions of rows boxed
 * maps would cost several times the state itself.
 */
final class RowCounts {
  private static final int MIN_CAPACITY = 16;

  private long[] keyHashes;
  private long[] rowHashes;
  private int[] counts;
  private int size;

  RowCounts(int expected) {
    int capacity = MIN_CAPACITY;
    while (capacity < expected * 2L && capacity < 1 << 30) {
      capacity <<= 1;
    }
    allocate(capacity);
  }

  /** Distinct rows. */
  int size() {
    return size;
  }

  int count(long keyHash, long rowHash) {
    int slot = find(keyHash, rowHash);
    return counts[slot];
  }

  /** Adds one copy; returns how many there are now. */
  int increment(long keyHash, long rowHash) {
    int slot = find(keyHash, rowHash);
    if (counts[slot] == 0) {
      keyHashes[slot] = keyHash;
      rowHashes[slot] = rowHash;
      size++;
      counts[slot] = 1;
      if (size * 2L > counts.length) {
        grow();
      }
      return 1;
    }
    return ++counts[slot];
  }

  /** Removes one copy if there is one (slots keep their row with count 0 until the next growth). */
  boolean take(long keyHash, long rowHash) {
    int slot = find(keyHash, rowHash);
    if (counts[slot] == 0) {
      return false;
    }
    counts[slot]--;
    return true;
  }

  interface Entry {
    void accept(long keyHash, long rowHash, int count);
  }

  void forEach(Entry entry) {
    for (int slot = 0; slot < counts.length; slot++) {
      if (counts[slot] > 0) {
        entry.accept(keyHashes[slot], rowHashes[slot], counts[slot]);
      }
    }
  }

  /**
   * The slot of the row, or the empty slot where it would go. A slot emptied by {@link #take}
   * keeps its row, so probing past it still finds rows stored after it.
   */
  private int find(long keyHash, long rowHash) {
    int mask = counts.length - 1;
    int slot = (int) RowHasher.mix(keyHash * 0x9e3779b97f4a7c15L ^ rowHash) & mask;
    while ((counts[slot] != 0 || keyHashes[slot] != 0 || rowHashes[slot] != 0)
        && (keyHashes[slot] != keyHash || rowHashes[slot] != rowHash)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    long[] oldKeys = keyHashes;
    long[] oldRows = rowHashes;
    int[] oldCounts = counts;
    allocate(oldCounts.length * 2);
    for (int slot = 0; slot < oldCounts.length; slot++) {
      if (oldCounts[slot] > 0) {
        int target = find(oldKeys[slot], oldRows[slot]);
        keyHashes[target] = oldKeys[slot];
        rowHashes[target] = oldRows[slot];
        counts[target] = oldCounts[slot];
      }
    }
  }

  private void allocate(int capacity) {
    keyHashes = new long[capacity];
    rowHashes = new long[capacity];
    counts = new int[capacity];
  }
}
