package io.tributary.bench.jmh;

import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.proto.program.Operator;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One operator of a planned query, driven alone, and the input batch a benchmark feeds it copies
 * of: what a benchmark of an operator sets up, and closes when its trial ends.
 */
final class SingleOperator implements AutoCloseable {
  /** Adds input row {@code row}, in the columns of {@code schema}. */
  interface Rows {
    void add(BatchBuilder batch, Schema schema, int row);
  }

  final BufferAllocator allocator = new RootAllocator();
  final RecordBatch input;
  final OperatorTestDriver driver;

  /** The first operator of {@code query} of that kind, made by {@code create}, over {@code count} input rows. */
  SingleOperator(String query, Predicate<Operator> kind,
      Function<Operator, io.tributary.engine.operator.Operator> create, int count, Rows rows) {
    PlannedOperators planned = PlannedOperators.of(query);
    Operator operator = planned.first(kind);
    Schema schema = planned.inputOf(operator);
    try (BatchBuilder batch = new BatchBuilder(schema, allocator)) {
      for (int row = 0; row < count; row++) {
        rows.add(batch, schema, row);
      }
      input = batch.build();
    }
    driver = OperatorTestDriver.builder(allocator, schema)
        .operator(operator.getOperatorId(), create.apply(operator), PlannedOperators.outputOf(operator))
        .build();
  }

  /** A copy of the input, for the operator to own and close. */
  RecordBatch copyOfInput() {
    return input.copy(allocator);
  }

  @Override
  public void close() {
    driver.close();
    input.close();
    allocator.close();
  }
}
