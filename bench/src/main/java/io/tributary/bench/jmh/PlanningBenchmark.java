package io.tributary.bench.jmh;

import io.tributary.sql.PlanOutcome;
import io.tributary.sql.PlannerOptions;
import io.tributary.sql.TributarySql;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long validating a 200-line pipeline takes (the editor validates as the user types):
 * 20 sources, sinks and windowed INSERTs with joins of views, planned as {@code validate_query}
 * would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class PlanningBenchmark {
  static final int BLOCKS = 20;

  String pipeline;

  @Setup
  public void build() {
    pipeline = pipeline(BLOCKS);
    if (pipeline.lines().count() < 200) {
      throw new IllegalStateException("the pipeline has only " + pipeline.lines().count() + " lines");
    }
    if (validate() instanceof PlanOutcome.Failed failed) {
      throw new IllegalStateException("the benchmark pipeline does not plan: " + failed.errors());
    }
  }

  @Benchmark
  public PlanOutcome validate() {
    return TributarySql.plan(pipeline, new PlannerOptions(1, false));
  }

  static String pipeline(int blocks) {
    StringBuilder sql = new StringBuilder();
    for (int i = 0; i < blocks; i++) {
      sql.append("""
          CREATE TABLE events_%1$d (
              k TEXT,
              v BIGINT,
              price DOUBLE,
              ts TIMESTAMP NOT NULL,
              WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
          ) WITH (connector = 'single_file', path = 'in_%1$d.json', format = 'json', type = 'source');
          CREATE TABLE out_%1$d WITH (connector = 'single_file', path = 'out_%1$d.json', format = 'json', type = 'sink');
          CREATE VIEW big_%1$d AS
              SELECT k, v * 2 AS doubled, upper(k) AS name, ts FROM events_%1$d WHERE price > 10.0;
          INSERT INTO out_%1$d
          SELECT k, tumble(interval '1 minute') AS window, count(*) AS n, sum(doubled) AS total,
                 max(name) AS last_name
          FROM big_%1$d
          GROUP BY k, window;
          """.formatted(i));
    }
    return sql.toString();
  }
}
