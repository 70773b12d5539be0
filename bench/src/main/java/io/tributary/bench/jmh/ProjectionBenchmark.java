package io.tributary.bench.jmh;

import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.expr.ExpressionCompiler;
import io.tributary.engine.operator.FilterProjectOperator;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.proto.program.Operator;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Generated filter-and-project code over one 8192-row Arrow batch: arithmetic on BIGINT and
 * DOUBLE, a string function and a filter, as the planner compiles
 * {@code SELECT a * 2 + 1, b / 3.0, upper(s) … WHERE a % 3 <> 0}. Each invocation also copies
 * the input batch (the operator owns and closes what it is given). Reported per row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class ProjectionBenchmark {
  static final int ROWS = 8192;
  static final String QUERY = """
      CREATE TABLE t (a BIGINT, b DOUBLE, s TEXT) WITH (
          connector = 'single_file', path = 't.json', format = 'json', type = 'source');
      CREATE TABLE results WITH (connector = 'blackhole');
      INSERT INTO results SELECT a * 2 + 1 AS x, b / 3.0 AS y, upper(s) AS u FROM t WHERE a % 3 <> 0;
      """;

  BufferAllocator allocator;
  RecordBatch input;
  OperatorTestDriver driver;

  @Setup
  public void open() {
    allocator = new RootAllocator();
    PlannedOperators planned = PlannedOperators.of(QUERY);
    Operator projection = planned.first(Operator::hasProjection);
    var schema = planned.inputOf(projection);
    try (BatchBuilder rows = new BatchBuilder(schema, allocator)) {
      for (int row = 0; row < ROWS; row++) {
        rows.addRow(row * 1_000L, (long) row, row * 0.5, "name-" + (row % 97));
      }
      input = rows.build();
    }
    driver = OperatorTestDriver.builder(allocator, schema)
        .operator(projection.getOperatorId(),
            new FilterProjectOperator(projection.getProjection(), ExpressionCompiler.shared()),
            PlannedOperators.outputOf(projection))
        .build();
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public int project() {
    driver.process(input.copy(allocator));
    int emitted = driver.outputBatches().getFirst().rowCount();
    driver.clearOutputs();
    return emitted;
  }

  @TearDown
  public void close() {
    driver.close();
    input.close();
    allocator.close();
  }
}
