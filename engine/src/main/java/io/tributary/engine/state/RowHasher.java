package io.tributary.engine.state;

import io.tributary.engine.batch.RecordBatch;
import org.apache.arrow.memory.util.hash.ArrowBufHasher;
import org.apache.arrow.memory.util.hash.MurmurHasher;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * A 64-bit hash of a keyed state row's content (every column after {@code _key_hash}). With
 * the key hash it names a row for incremental checkpoints: a delta deletes rows by
 * ({@code _key_hash}, row hash), so two different rows are confused only if they share the key
 * hash and the 64-bit content hash, which for any realistic number of rows per key does not happen.
 */
final class RowHasher {
  private static final ArrowBufHasher LOW = new MurmurHasher(0x5bd1e995);
  private static final ArrowBufHasher HIGH = new MurmurHasher(0x1b873593);
  /** What a null contributes, apart from any value's hash that happens to be 0. */
  private static final long NULL = 0x9e3779b97f4a7c15L;

  private RowHasher() {}

  static long hash(RecordBatch batch, int row) {
    long hash = batch.columnCount();
    for (int c = 1; c < batch.columnCount(); c++) {
      FieldVector column = batch.column(c);
      long value;
      if (column.isNull(row)) {
        value = NULL;
      } else if (column instanceof BitVector bits) {
        // Arrow hashes a bit vector's value buffer with a width of 0 bytes: every boolean alike.
        value = bits.get(row) + 1;
      } else {
        value = ((long) column.hashCode(row, HIGH) << 32) ^ (column.hashCode(row, LOW) & 0xffffffffL);
      }
      hash = mix(hash * 31 + value);
    }
    return hash;
  }

  /** The finalizer of MurmurHash3's 64-bit variant: every input bit reaches every output bit. */
  static long mix(long value) {
    long h = value;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
