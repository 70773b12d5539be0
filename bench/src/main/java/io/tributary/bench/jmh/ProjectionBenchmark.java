package io.tributary.bench.jmh;

import io.tributary.engine.expr.ExpressionCompiler;
import io.tributary.engine.operator.FilterProjectOperator;
import io.tributary.proto.program.Operator;
import java.util.concurrent.TimeUnit;
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
 * {@code currency} is Nexmark q1's {@code 0.908 * price}: DECIMAL arithmetic on a BIGINT.
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

  static final String CURRENCY = """
      CREATE TABLE bid (auction BIGINT, price BIGINT) WITH (
          connector = 'single_file', path = 'bid.json', format = 'json', type = 'source');
      CREATE TABLE results WITH (connector = 'blackhole');
      INSERT INTO results SELECT auction, 0.908 * price AS price FROM bid;
      """;

  SingleOperator projection;
  SingleOperator currency;

  @Setup
  public void open() {
    projection = new SingleOperator(QUERY, Operator::hasProjection,
        operator -> new FilterProjectOperator(operator.getProjection(), ExpressionCompiler.shared()), ROWS,
        (batch, schema, row) -> batch.addRow(row * 1_000L, (long) row, row * 0.5, "name-" + (row % 97)));
    currency = new SingleOperator(CURRENCY, Operator::hasProjection,
        operator -> new FilterProjectOperator(operator.getProjection(), ExpressionCompiler.shared()), ROWS,
        (batch, schema, row) -> batch.addRow(row * 1_000L, 1000L + row % 500, 100L + row * 37L));
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public int project() {
    projection.driver.process(projection.copyOfInput());
    int emitted = projection.driver.outputBatches().getFirst().rowCount();
    projection.driver.clearOutputs();
    return emitted;
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public int currency() {
    currency.driver.process(currency.copyOfInput());
    int emitted = currency.driver.outputBatches().getFirst().rowCount();
    currency.driver.clearOutputs();
    return emitted;
  }

  @TearDown
  public void close() {
    currency.close();
    projection.close();
  }
}
