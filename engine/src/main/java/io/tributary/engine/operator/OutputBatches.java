package io.tributary.engine.operator;

import io.tributary.engine.batch.RecordBatch;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Output batches that operators fill column by column, sized up front for the rows they emit. */
final class OutputBatches {
  private OutputBatches() {}

  /**
   * A batch of {@code rows} rows whose vectors {@code fill} sets (a value not set is NULL); the
   * memory goes back to the allocator if filling fails.
   */
  static RecordBatch filled(Schema schema, BufferAllocator allocator, int rows, Consumer<List<FieldVector>> fill) {
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    try {
      List<FieldVector> vectors = root.getFieldVectors();
      for (FieldVector vector : vectors) {
        vector.setInitialCapacity(rows);
        vector.allocateNew();
      }
      fill.accept(vectors);
      for (FieldVector vector : vectors) {
        vector.setValueCount(rows);
      }
      root.setRowCount(rows);
      return RecordBatch.of(root);
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }
}
