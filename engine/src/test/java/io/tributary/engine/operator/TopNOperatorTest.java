package io.tributary.engine.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.RankFunction;
import io.tributary.proto.program.SortField;
import io.tributary.proto.program.TypeKind;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class TopNOperatorTest extends AllocatorTest {
  private static final long S = 1_000_000_000L;

  static Field field(String name, TypeKind kind, boolean nullable) {
    return Field.newBuilder().setName(name).setNullable(nullable).setType(DataType.newBuilder().setKind(kind)).build();
  }

  static Schema schema(boolean rowNumber) {
    io.tributary.proto.program.Schema.Builder schema = io.tributary.proto.program.Schema.newBuilder()
        .addFields(field("channel", TypeKind.UTF8, true))
        .addFields(field("auction", TypeKind.INT64, true))
        .addFields(field("bids", TypeKind.INT64, true));
    if (rowNumber) {
      schema.addFields(field("row_num", TypeKind.INT64, false));
    }
    return ArrowTypes.toArrow(schema.addFields(field("_timestamp", TypeKind.TIMESTAMP, false)).build());
  }

  /** channel, auction, bids: a windowed count's rows, stamped with their window's end - 1 ns. */
  static final Schema INPUT = schema(false);

  /** The first {@code limit} by bids (descending, NULLs first) per window, and per channel when asked. */
  static io.tributary.proto.program.TopNOperator spec(long limit, boolean perChannel, boolean rowNumber) {
    io.tributary.proto.program.TopNOperator.Builder spec = io.tributary.proto.program.TopNOperator.newBuilder()
        .setLimit(limit).setRowNumber(rowNumber)
        .addOrder(SortField.newBuilder().setField(2).setDescending(true).setNullsFirst(true));
    if (perChannel) {
      spec.addKeyFields(0);
    }
    return spec.addKeyFields(3).build();
  }

  private OperatorTestDriver driver(io.tributary.proto.program.TopNOperator spec) {
    return OperatorTestDriver.builder(allocator, INPUT)
        .operator("top_n_1", new TopNOperator(spec), schema(spec.getRowNumber()))
        .build();
  }

  @Test
  void emitsTheFirstRowsOfAWindowWhenTheWatermarkPassesItsEndTiesBrokenByTheRow() {
    try (OperatorTestDriver driver = driver(spec(2, false, true))) {
      try (BatchBuilder rows = new BatchBuilder(INPUT, allocator)) {
        rows.addRow(10 * S - 1, "b", 3L, 7L)
            .addRow(10 * S - 1, "a", 1L, 5L)
            .addRow(20 * S - 1, "a", 1L, 3L)
            .addRow(10 * S - 1, "a", 2L, 7L)
            .addRow(10 * S - 1, "c", 4L, 1L);
        driver.process(rows.build());
      }
      driver.watermark(Watermark.eventTime(10 * S - 1));
      assertThat(driver.outputRows()).isEmpty();
      driver.watermark(Watermark.eventTime(10 * S));
      // 7 ties: the rows themselves order them, channel 'a' before 'b'.
      assertThat(driver.outputRows()).containsExactly(List.of("a", 2L, 7L, 1L), List.of("b", 3L, 7L, 2L));
      assertThat(driver.outputTimestamps()).containsExactly(10 * S - 1, 10 * S - 1);
      assertThat(driver.outputs().getLast()).isInstanceOf(OperatorTestDriver.Output.Mark.class);
      driver.clearOutputs();

      driver.finish();
      assertThat(driver.outputRows()).containsExactly(List.of("a", 1L, 3L, 1L));
    }
  }

  @Test
  void ranksPerKeyWithoutNumbersAndPutsNullsFirstWhenDescending() {
    try (OperatorTestDriver driver = driver(spec(1, true, false))) {
      try (BatchBuilder rows = new BatchBuilder(INPUT, allocator)) {
        rows.addRow(5 * S - 1, "a", 1L, 9L)
            .addRow(5 * S - 1, "b", 2L, 4L)
            .addRow(5 * S - 1, "a", 3L, null)
            .addRow(5 * S - 1, "b", 4L, 6L);
        driver.process(rows.build());
      }
      driver.finish();
      assertThat(driver.outputRows()).containsExactly(Arrays.asList("a", 3L, null), List.of("b", 4L, 6L));
    }
  }

  private List<List<Object>> rankedBids(RankFunction function, long limit) {
    try (OperatorTestDriver driver = driver(spec(limit, false, true).toBuilder().setFunction(function).build())) {
      try (BatchBuilder rows = new BatchBuilder(INPUT, allocator)) {
        // bids 9, 7, 7, 7, 5, 5, 3 in one window, arriving out of order.
        rows.addRow(10 * S - 1, "a", 5L, 5L)
            .addRow(10 * S - 1, "a", 2L, 7L)
            .addRow(10 * S - 1, "a", 7L, 3L)
            .addRow(10 * S - 1, "a", 1L, 9L)
            .addRow(10 * S - 1, "a", 6L, 5L)
            .addRow(10 * S - 1, "a", 4L, 7L)
            .addRow(10 * S - 1, "a", 3L, 7L);
        driver.process(rows.build());
      }
      driver.finish();
      return driver.outputRows();
    }
  }

  @Test
  void rankNumbersTiedRowsAlikeAndKeepsEveryRowTiedAtTheLimit() {
    assertThat(rankedBids(RankFunction.RANK, 2)).containsExactly(
        List.of("a", 1L, 9L, 1L), List.of("a", 2L, 7L, 2L), List.of("a", 3L, 7L, 2L), List.of("a", 4L, 7L, 2L));
    // Rank 5 goes to both 5s: three rows tie at 2.
    assertThat(rankedBids(RankFunction.RANK, 5)).hasSize(6).last().isEqualTo(List.of("a", 6L, 5L, 5L));
  }

  @Test
  void denseRankCountsDistinctValues() {
    assertThat(rankedBids(RankFunction.DENSE_RANK, 3)).containsExactly(
        List.of("a", 1L, 9L, 1L), List.of("a", 2L, 7L, 2L), List.of("a", 3L, 7L, 2L), List.of("a", 4L, 7L, 2L),
        List.of("a", 5L, 5L, 3L), List.of("a", 6L, 5L, 3L));
  }

  @Test
  void dropsAndCountsRowsOfWindowsAlreadyEmitted() {
    TopNOperator operator = new TopNOperator(spec(3, false, true));
    try (OperatorTestDriver driver = OperatorTestDriver.builder(allocator, INPUT)
        .operator("top_n_1", operator, schema(true)).build()) {
      driver.watermark(Watermark.eventTime(10 * S));
      try (BatchBuilder rows = new BatchBuilder(INPUT, allocator)) {
        rows.addRow(10 * S - 1, "a", 1L, 1L).addRow(20 * S - 1, "a", 2L, 2L);
        driver.process(rows.build());
      }
      driver.finish();
      assertThat(driver.outputRows()).containsExactly(List.of("a", 2L, 2L, 1L));
      assertThat(operator.lateRowsDropped()).isEqualTo(1);
    }
  }
}
