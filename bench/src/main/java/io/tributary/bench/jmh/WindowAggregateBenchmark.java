package io.tributary.bench.jmh;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.operator.WindowAggregateOperator;
import io.tributary.proto.program.Operator;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The window aggregate ({@code count(*), sum(v), max(v)} per key, 1000 keys): each invocation adds
 * one 8192-row batch in the next second and a watermark that closes the previous second, so every
 * invocation also emits 1000 results. Windows: tumbling 1 second; hop every second over a minute
 * (each row in 60 windows); cumulate every second within a minute (one update per row, then a
 * running total per step). Reported per input row.
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
  static final String TABLES = """
      CREATE TABLE t (k BIGINT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (
          connector = 'single_file', path = 't.json', format = 'json', type = 'source');
      CREATE TABLE results WITH (connector = 'blackhole');
      """;

  @Param({"tumble", "hop", "cumulate"})
  public String kind;

  SingleOperator window;
  long second;

  @Setup
  public void open() {
    String query = TABLES + switch (kind) {
      case "tumble" -> "INSERT INTO results SELECT k, tumble(interval '1 second') AS window, count(*) AS n,"
          + " sum(v) AS total, max(v) AS top FROM t GROUP BY k, window;";
      case "hop" -> "INSERT INTO results SELECT k, hop(interval '1 second', interval '1 minute') AS window,"
          + " count(*) AS n, sum(v) AS total, max(v) AS top FROM t GROUP BY k, window;";
      case "cumulate" -> "INSERT INTO results SELECT k, window_start, window_end, count(*) AS n, sum(v) AS total,"
          + " max(v) AS top FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' SECOND, INTERVAL '1' MINUTE))"
          + " GROUP BY k, window_start, window_end;";
      default -> throw new IllegalArgumentException("unknown window kind " + kind);
    };
    window = new SingleOperator(query, Operator::hasWindowAggregate,
        operator -> new WindowAggregateOperator(operator.getWindowAggregate()), ROWS, (batch, schema, row) -> {
          Object[] values = new Object[schema.getFields().size() - 1];
          for (int column = 0; column < values.length; column++) {
            values[column] = (long) (column == 0 ? row % KEYS : row);
          }
          batch.addRow(0, values);
        });
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public int aggregate() {
    second++;
    RecordBatch batch = window.copyOfInput();
    TimeStampNanoVector times = batch.timestamps();
    for (int row = 0; row < ROWS; row++) {
      times.set(row, second * SECOND + row);
    }
    window.driver.process(batch).watermark(0, second * SECOND - 1);
    int emitted = window.driver.outputBatches().stream().mapToInt(RecordBatch::rowCount).sum();
    window.driver.clearOutputs();
    return emitted;
  }

  @TearDown
  public void close() {
    window.close();
  }
}
