package io.tributary.engine.runtime;

import static io.tributary.engine.runtime.Programs.ROWS;
import static io.tributary.engine.runtime.Programs.call;
import static io.tributary.engine.runtime.Programs.edge;
import static io.tributary.engine.runtime.Programs.lit;
import static io.tributary.engine.runtime.Programs.node;
import static io.tributary.engine.runtime.Programs.projection;
import static io.tributary.engine.runtime.Programs.ref;
import static io.tributary.engine.runtime.Programs.schema;
import static io.tributary.engine.runtime.Programs.sink;
import static io.tributary.engine.runtime.Programs.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.proto.program.AggregateCall;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.ProjectionOperator;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.SortField;
import io.tributary.proto.program.TopNOperator;
import io.tributary.proto.program.TumblingWindow;
import io.tributary.proto.program.TypeKind;
import io.tributary.proto.program.WatermarkOperator;
import io.tributary.proto.program.Window;
import io.tributary.proto.program.WindowAggregateOperator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Nexmark q5-like "hottest auctions per window": source → projection (auction) → SHUFFLE(auction) →
 * window aggregate count(*) → SHUFFLE(_timestamp) → top_n → sink, compared with the same ranking
 * computed over all rows at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TopNJobTest extends CollectingJobTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int ROWS_COUNT = 5000;
  /** Tumbling windows of 1 µs: ids (= event times in ns) 1000w .. 1000w + 999. */
  private static final long WIDTH_NANOS = 1000;

  private static final Schema AUCTIONS = schema("auction", TypeKind.INT64);
  private static final Schema COUNTS = schema("auction", TypeKind.INT64, "window_start", TypeKind.TIMESTAMP,
      "window_end", TypeKind.TIMESTAMP, "bids", TypeKind.INT64);
  private static final Schema RANKED = schema("auction", TypeKind.INT64, "window_start", TypeKind.TIMESTAMP,
      "window_end", TypeKind.TIMESTAMP, "bids", TypeKind.INT64, "row_num", TypeKind.INT64);

  /** A skewed auction per bid: id² mod 13 (quadratic residues repeat, so counts differ and tie). */
  private static long auction(long id) {
    return id * id % 13;
  }

  private LogicalProgram program(int parallelism, long limit) {
    Operator watermark = Operator.newBuilder().setOperatorId("watermark_1").setName("watermark")
        .setOutputSchema(ROWS).setWatermark(WatermarkOperator.newBuilder().setPeriodMicros(0)).build();
    Operator auctions = projection("projection_1", AUCTIONS, ProjectionOperator.newBuilder()
        .addProjections(call("MOD", TypeKind.INT64, call("TIMES", TypeKind.INT64, ref(0, TypeKind.INT64),
            ref(0, TypeKind.INT64)), lit(13)))
        .build());
    Operator counts = Operator.newBuilder().setOperatorId("window_1").setName("window_aggregate")
        .setOutputSchema(COUNTS)
        .setWindowAggregate(WindowAggregateOperator.newBuilder()
            .setWindow(Window.newBuilder().setTumbling(TumblingWindow.newBuilder().setWidthMicros(1)))
            .addKeyFields(0)
            .addAggregates(AggregateCall.newBuilder().setFunction("COUNT")
                .setType(DataType.newBuilder().setKind(TypeKind.INT64))))
        .build();
    Operator topN = Operator.newBuilder().setOperatorId("top_n_1").setName("top_n").setOutputSchema(RANKED)
        .setTopN(TopNOperator.newBuilder().addKeyFields(4).setLimit(limit).setRowNumber(true)
            .addOrder(SortField.newBuilder().setField(3).setDescending(true).setNullsFirst(true)))
        .build();
    return LogicalProgram.newBuilder()
        .addNodes(node(1, parallelism, source("source_1", "counting",
            Map.of("rows", String.valueOf(ROWS_COUNT), "batch", "37")), watermark))
        .addNodes(node(2, parallelism, auctions))
        .addNodes(node(3, parallelism, counts))
        .addNodes(node(4, parallelism, topN))
        .addNodes(node(5, parallelism, sink("sink_1", "collecting", RANKED)))
        .addEdges(edge(1, 2, EdgeType.FORWARD, ROWS))
        .addEdges(edge(2, 3, EdgeType.SHUFFLE, AUCTIONS, 0))
        .addEdges(edge(3, 4, EdgeType.SHUFFLE, COUNTS, 4))
        .addEdges(edge(4, 5, EdgeType.FORWARD, RANKED))
        .build();
  }

  /** The batch computation: count per window and auction, rank by count descending, then by auction. */
  private static List<List<Object>> expected(long limit) {
    Map<Long, Map<Long, Long>> counts = new TreeMap<>();
    for (long id = 0; id < ROWS_COUNT; id++) {
      counts.computeIfAbsent(id / WIDTH_NANOS, w -> new TreeMap<>()).merge(auction(id), 1L, Long::sum);
    }
    List<List<Object>> rows = new ArrayList<>();
    counts.forEach((window, perAuction) -> {
      List<Map.Entry<Long, Long>> ranked = new ArrayList<>(perAuction.entrySet());
      ranked.sort(Map.Entry.<Long, Long>comparingByValue(Comparator.reverseOrder())
          .thenComparing(Map.Entry.comparingByKey()));
      for (int i = 0; i < Math.min(limit, ranked.size()); i++) {
        long start = window * WIDTH_NANOS;
        rows.add(List.of(ranked.get(i).getKey(), start, start + WIDTH_NANOS, ranked.get(i).getValue(), i + 1L));
      }
    });
    return rows;
  }

  @ParameterizedTest(name = "top {1} at parallelism {0}")
  @CsvSource({"1, 1", "2, 1", "2, 3", "3, 3"})
  void ranksEachWindowAsABatchComputationWould(int parallelism, long limit) throws Exception {
    LogicalProgram program = program(parallelism, limit);
    try (JobExecution job = JobExecution.start(
        new ExecutionSpec("job-top-n", program, ExecutionSpec.allSubtasks(program), connectors, listener),
        ExecutionOptions.defaults().withParentAllocator(allocator).withQueueCapacity(2, 64))) {
      assertThat(job.awaitTermination(WAIT)).isTrue();
    }
    assertThat(listener.failures).isEmpty();
    assertThat(expected(limit)).hasSize((int) (5 * limit));
    assertThat(sink.allRows()).containsExactlyInAnyOrderElementsOf(expected(limit));
  }
}
