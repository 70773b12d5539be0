package io.tributary.bench.jmh;

import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.operator.WindowAggregateOperator;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.proto.program.Operator;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.TimeStampNanoVector;
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
 * The tumbling-window aggregate ({@code count(*), sum(v), max(v)} per key over 1-second
 * windows, 1000 keys): each invocation adds one 8192-row batch in the next second and a
 * watermark that closes the previous window, so every invocation also emits 1000 results.
 * Reported per input row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class WindowAggregateBenchmark {
  static final int ROWS = 8192;
  static final int KEYS = 1000;
  static final long SECOND = 1_000_000_000L;
  static final String QUERY = """
      CREATE TABLE t (k BIGINT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (
          connector = 'single_file', path = 't.json', format = 'json', type = 'source');
      CREATE TABLE results WITH (connector = 'blackhole');
      INSERT INTO results SELECT k, tumble(interval '1 second') AS window, count(*) AS n, sum(v) AS total, max(v) AS top
      FROM t GROUP BY k, window;
      """;

  BufferAllocator allocator;
  RecordBatch input;
  OperatorTestDriver driver;
  long second;

  @Setup
  public void open() {
    allocator = new RootAllocator();
    PlannedOperators planned = PlannedOperators.of(QUERY);
    Operator window = planned.first(Operator::hasWindowAggregate);
    var schema = planned.inputOf(window);
    try (BatchBuilder rows = new BatchBuilder(schema, allocator)) {
      for (int row = 0; row < ROWS; row++) {
        Object[] values = new Object[schema.getFields().size() - 1];
        for (int column = 0; column < values.length; column++) {
          values[column] = (long) (column == 0 ? row % KEYS : row);
        }
        rows.addRow(0, values);
      }
      input = rows.build();
    }
    driver = OperatorTestDriver.builder(allocator, schema)
        .operator(window.getOperatorId(), new WindowAggregateOperator(window.getWindowAggregate()),
            PlannedOperators.outputOf(window))
        .build();
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public int aggregate() {
    second++;
    RecordBatch batch = input.copy(allocator);
    TimeStampNanoVector times = batch.timestamps();
    for (int row = 0; row < ROWS; row++) {
      times.set(row, second * SECOND + row);
    }
    driver.process(batch).watermark(0, second * SECOND - 1);
    int emitted = driver.outputBatches().stream().mapToInt(RecordBatch::rowCount).sum();
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
