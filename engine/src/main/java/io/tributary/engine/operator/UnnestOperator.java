package io.tributary.engine.operator;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.RecordBatch;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One output row per element of a list column ({@code UnnestOperator}): the row's carried columns
 * repeated, the element, the row's {@code _timestamp}. NULL and empty lists produce nothing.
 *
 * <p>A batch is expanded column by column: first the output row count and, per output row, its
 * input row and element position; then each output column is filled by one copy loop.
 */
public final class UnnestOperator implements Operator {
  private final int listField;
  private final int[] carriedFields;
  private final int elementIndex;
  private BufferAllocator allocator;
  private Schema outputSchema;

  public UnnestOperator(io.tributary.proto.program.UnnestOperator spec) {
    requireNonNull(spec, "spec is null");
    this.listField = spec.getListField();
    this.carriedFields = spec.getCarriedFieldsList().stream().mapToInt(Integer::intValue).toArray();
    this.elementIndex = spec.getElementIndex();
    if (elementIndex < 0 || elementIndex > carriedFields.length) {
      throw new IllegalArgumentException("unnest element_index " + elementIndex + " is outside 0.."
          + carriedFields.length + " (the carried fields)");
    }
  }

  @Override
  public void open(OperatorContext context) {
    allocator = context.allocator();
    outputSchema = context.outputSchema();
    int inputColumns = context.inputSchema().getFields().size() - 1;
    if (listField < 0 || listField >= inputColumns
        || !(context.inputSchema().getFields().get(listField).getType() instanceof ArrowType.List)) {
      throw new IllegalArgumentException("unnest list_field " + listField + " is not a LIST column of the input "
          + context.inputSchema());
    }
    for (int field : carriedFields) {
      if (field < 0 || field >= inputColumns) {
        throw new IllegalArgumentException(
            "unnest carried field " + field + " is outside the input's " + inputColumns + " columns");
      }
    }
    int expected = carriedFields.length + 2;
    if (outputSchema.getFields().size() != expected) {
      throw new IllegalArgumentException("unnest output schema has " + outputSchema.getFields().size()
          + " columns; expected " + expected + " (" + carriedFields.length + " carried, the element, _timestamp)");
    }
  }

  @Override
  public void processBatch(RecordBatch batch, Collector out) {
    RecordBatch result;
    try (batch) {
      result = expand(batch);
    }
    if (result.rowCount() == 0) {
      result.close();
    } else {
      out.collect(result);
    }
  }

  private RecordBatch expand(RecordBatch batch) {
    ListVector lists = (ListVector) batch.column(listField);
    int rows = batch.rowCount();
    // A NULL list may still hold an offset range (Arrow allows it); it unnests to nothing.
    int count = 0;
    for (int row = 0; row < rows; row++) {
      if (!lists.isNull(row)) {
        count += lists.getElementEndIndex(row) - lists.getElementStartIndex(row);
      }
    }
    int[] parents = new int[count];
    int[] elements = new int[count];
    int next = 0;
    for (int row = 0; row < rows; row++) {
      if (lists.isNull(row)) {
        continue;
      }
      for (int element = lists.getElementStartIndex(row), end = lists.getElementEndIndex(row); element < end;
          element++) {
        parents[next] = row;
        elements[next] = element;
        next++;
      }
    }
    VectorSchemaRoot root = VectorSchemaRoot.create(outputSchema, allocator);
    try {
      List<FieldVector> vectors = root.getFieldVectors();
      for (int c = 0, carried = 0; c < vectors.size() - 1; c++) {
        if (c == elementIndex) {
          copy(lists.getDataVector(), elements, vectors.get(c));
        } else {
          copy(batch.column(carriedFields[carried++]), parents, vectors.get(c));
        }
      }
      copyTimestamps(batch.timestamps(), parents, (TimeStampNanoVector) vectors.getLast());
      root.setRowCount(count);
      return RecordBatch.of(root);
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }

  private static void copy(FieldVector from, int[] rows, FieldVector to) {
    to.setInitialCapacity(Math.max(rows.length, 1));
    to.allocateNew();
    for (int i = 0; i < rows.length; i++) {
      to.copyFromSafe(rows[i], i, from);
    }
    to.setValueCount(rows.length);
  }

  private static void copyTimestamps(TimeStampNanoVector from, int[] rows, TimeStampNanoVector to) {
    to.allocateNew(Math.max(rows.length, 1));
    for (int i = 0; i < rows.length; i++) {
      to.set(i, from.get(rows[i]));
    }
    to.setValueCount(rows.length);
  }
}
