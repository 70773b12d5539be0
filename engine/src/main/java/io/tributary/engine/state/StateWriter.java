package io.tributary.engine.state;

import io.tributary.engine.batch.RecordBatch;
import java.util.Map;
import java.util.function.Consumer;

/** Where one operator of one subtask writes its state tables at a checkpoint. */
public interface StateWriter {
  /**
   * A table of global entries of this subtask: on restore, every subtask reads every old
   * subtask's entries ({@link StateReader#global}), so the operator decides how to combine them.
   */
  void writeGlobal(String table, Map<String, byte[]> entries);

  /**
   * A keyed table, laid out as {@link KeyedTable} describes (first column {@code _key_hash});
   * on restore each subtask reads the rows whose key hash it owns. The batch stays the caller's.
   */
  void writeKeyed(String table, RecordBatch rows);

  /**
   * A keyed table of the given layout, whose rows {@code rows} adds to the builder it is handed;
   * the writer takes them in bounded batches while they are added, so that the state is never
   * copied whole into one batch. Prefer this to {@link #writeKeyed(String, RecordBatch)}.
   */
  void writeKeyed(String table, KeyedTable layout, Consumer<KeyedTable.Builder> rows);
}
