package io.tributary.bench.jmh;

import io.tributary.engine.expr.ExpressionCompiler;
import io.tributary.engine.operator.FilterProjectOperator;
import io.tributary.proto.program.Operator;
import java.util.Map;
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
 * {@code bidView} is the bench's {@code bid} view: a struct's fields, text among them, pulled out
 * of the rows where the struct is set (one row in 13 has none).
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

  static final String BID_VIEW = """
      CREATE TABLE nexmark (bid ROW(auction BIGINT, price BIGINT, channel TEXT, url TEXT, extra TEXT)) WITH (
          connector = 'single_file', path = 'nexmark.json', format = 'json', type = 'source');
      CREATE TABLE results WITH (connector = 'blackhole');
      INSERT INTO results SELECT nexmark.bid.auction AS auction, nexmark.bid.price AS price,
          nexmark.bid.channel AS channel, nexmark.bid.url AS url, nexmark.bid.extra AS extra
      FROM nexmark WHERE nexmark.bid IS NOT NULL;
      """;

  SingleOperator projection;
  SingleOperator currency;
  SingleOperator bidView;

  @Setup
  public void open() {
    projection = new SingleOperator(QUERY, Operator::hasProjection,
        operator -> new FilterProjectOperator(operator.getProjection(), ExpressionCompiler.shared()), ROWS,
        (batch, schema, row) -> batch.addRow(row * 1_000L, (long) row, row * 0.5, "name-" + (row % 97)));
    currency = new SingleOperator(CURRENCY, Operator::hasProjection,
        operator -> new FilterProjectOperator(operator.getProjection(), ExpressionCompiler.shared()), ROWS,
        (batch, schema, row) -> batch.addRow(row * 1_000L, 1000L + row % 500, 100L + row * 37L));
    bidView = new SingleOperator(BID_VIEW, Operator::hasProjection,
        operator -> new FilterProjectOperator(operator.getProjection(), ExpressionCompiler.shared()), ROWS,
        (batch, schema, row) -> batch.addRow(row * 1_000L, row % 13 == 0 ? null : Map.of(
            "auction", 1000L + row % 500, "price", 100L + row * 37L, "channel", "Google",
            "url", "https://www.nexmark.com/abcd/efg/item.htm?query=1&channel_id=6", "extra", "")));
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public int project() {
    return run(projection);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public int currency() {
    return run(currency);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public int bidView() {
    return run(bidView);
  }

  /** One batch through the operator; the rows it kept. */
  private static int run(SingleOperator operator) {
    operator.driver.process(operator.copyOfInput());
    int emitted = operator.driver.outputBatches().getFirst().rowCount();
    operator.driver.clearOutputs();
    return emitted;
  }

  @TearDown
  public void close() {
    bidView.close();
    currency.close();
    projection.close();
  }
}
