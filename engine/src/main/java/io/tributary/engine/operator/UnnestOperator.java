package io.tributary.engine.operator;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.batch.VectorValues;
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
 * Several lists are zipped: a row gives as many rows as its longest list has elements, and the
 * elements of the shorter (or NULL) lists are NULL past their end.
 *
 * <p>A batch is expanded column by column: first the output row count and, per output row, its
 * input row and element position; then each output column is filled by one copy loop.
 */
public final class UnnestOperator implements Operator {
  /** The lists, zipped; their elements go to output columns elementIndex, elementIndex + 1, … */
  private final int[] listFields;
  private final int[] carriedFields;
  private final int elementIndex;
  private BufferAllocator allocator;
  private Schema outputSchema;

  public UnnestOperator(io.tributary.proto.program.UnnestOperator spec) {
    requireNonNull(spec, "spec is null");
    this.listFields = java.util.stream.IntStream.concat(java.util.stream.IntStream.of(spec.getListField()),
        spec.getZippedListFieldsList().stream().mapToInt(Integer::intValue)).toArray();
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
    for (int listField : listFields) {
      if (listField < 0 || listField >= inputColumns
          || !(context.inputSchema().getFields().get(listField).getType() instanceof ArrowType.List)) {
        throw new IllegalArgumentException("unnest list field " + listField + " is not a LIST column of the input "
            + context.inputSchema());
      }
    }
    for (int field : carriedFields) {
      if (field < 0 || field >= inputColumns) {
        throw new IllegalArgumentException(
            "unnest carried field " + field + " is outside the input's " + inputColumns + " columns");
      }
    }
    int expected = carriedFields.length + listFields.length + 1;
    if (outputSchema.getFields().size() != expected) {
      throw new IllegalArgumentException("unnest output schema has " + outputSchema.getFields().size()
          + " columns; expected " + expected + " (" + carriedFields.length + " carried, " + listFields.length
          + " elements, _timestamp)");
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

  /** The elements of a row's list: 0 for a NULL list, which may still hold an offset range (Arrow allows it). */
  private static int length(ListVector list, int row) {
    return list.isNull(row) ? 0 : list.getElementEndIndex(row) - list.getElementStartIndex(row);
  }

  private RecordBatch expand(RecordBatch batch) {
    ListVector[] lists = new ListVector[listFields.length];
    for (int l = 0; l < lists.length; l++) {
      lists[l] = (ListVector) batch.column(listFields[l]);
    }
    int rows = batch.rowCount();
    int[] lengths = new int[rows];
    int count = 0;
    for (int row = 0; row < rows; row++) {
      for (ListVector list : lists) {
        lengths[row] = Math.max(lengths[row], length(list, row));
      }
      count += lengths[row];
    }
    int[] parents = new int[count];
    // Per list, the data-vector index of each output row's element; -1 past the list's end (NULL).
    int[][] elements = new int[lists.length][count];
    int next = 0;
    for (int row = 0; row < rows; row++) {
      for (int k = 0; k < lengths[row]; k++) {
        parents[next] = row;
        for (int l = 0; l < lists.length; l++) {
          elements[l][next] = k < length(lists[l], row) ? lists[l].getElementStartIndex(row) + k : -1;
        }
        next++;
      }
    }
    VectorSchemaRoot root = VectorSchemaRoot.create(outputSchema, allocator);
    try {
      List<FieldVector> vectors = root.getFieldVectors();
      for (int c = 0, carried = 0; c < vectors.size() - 1; c++) {
        if (c >= elementIndex && c < elementIndex + lists.length) {
          copy(lists[c - elementIndex].getDataVector(), elements[c - elementIndex], vectors.get(c));
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
      if (rows[i] < 0) {
        VectorValues.setNull(to, i);
      } else {
        to.copyFromSafe(rows[i], i, from);
      }
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
