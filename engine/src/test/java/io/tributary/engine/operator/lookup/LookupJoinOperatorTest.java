package io.tributary.engine.operator.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.connector.LookupSource;
import io.tributary.engine.expr.ExpressionCompiler;
import io.tributary.engine.metrics.LookupCounters;
import io.tributary.engine.metrics.LookupMetrics;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.engine.time.ManualClock;
import io.tributary.proto.program.Call;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Expr;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.JoinType;
import io.tributary.proto.program.Literal;
import io.tributary.proto.program.TypeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class LookupJoinOperatorTest extends AllocatorTest {
  private static final List<Field> INPUT_FIELDS = List.of(field("order_id", TypeKind.INT64),
      field("customer", TypeKind.UTF8));
  private static final List<Field> TABLE_FIELDS = List.of(field("name", TypeKind.UTF8),
      field("id", TypeKind.UTF8), field("tier", TypeKind.INT32));
  private static final Schema INPUT = schema(INPUT_FIELDS);
  private static final Schema OUTPUT = schema(concat(INPUT_FIELDS, TABLE_FIELDS));

  private final ManualClock clock = new ManualClock(0);
  private final FakeLookupSource table = new FakeLookupSource();

  /** A table in memory that records what it was asked, and the value schema it was opened with. */
  private static final class FakeLookupSource implements LookupSource {
    final Map<String, List<Object>> rows = new HashMap<>();
    final List<List<String>> calls = new ArrayList<>();
    Schema valueSchema;
    boolean closed;

    @Override
    public List<Optional<List<Object>>> lookup(List<String> keys) {
      calls.add(List.copyOf(keys));
      return keys.stream().map(key -> Optional.ofNullable(rows.get(key))).toList();
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static Field field(String name, TypeKind kind) {
    return Field.newBuilder().setName(name).setNullable(true).setType(DataType.newBuilder().setKind(kind)).build();
  }

  private static List<Field> concat(List<Field> first, List<Field> second) {
    List<Field> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  private static Schema schema(List<Field> fields) {
    return ArrowTypes.toArrow(io.tributary.proto.program.Schema.newBuilder().addAllFields(fields)
        .addFields(Field.newBuilder().setName("_timestamp").setType(DataType.newBuilder().setKind(TypeKind.TIMESTAMP)))
        .build());
  }

  /** {@code concat('customer:', customer)}, as Arroyo users key their Redis rows. */
  private static Expr prefixedCustomer() {
    Expr prefix = Expr.newBuilder().setType(DataType.newBuilder().setKind(TypeKind.UTF8))
        .setLiteral(Literal.newBuilder().setStringValue("customer:")).build();
    Expr customer = Expr.newBuilder().setType(DataType.newBuilder().setKind(TypeKind.UTF8)).setNullable(true)
        .setInputRef(1).build();
    return Expr.newBuilder().setType(DataType.newBuilder().setKind(TypeKind.UTF8)).setNullable(true)
        .setCall(Call.newBuilder().setFunction("CONCAT").addOperands(prefix).addOperands(customer)).build();
  }

  private static io.tributary.proto.program.LookupJoinOperator spec(JoinType type, long maxBytes, long ttlMicros) {
    return io.tributary.proto.program.LookupJoinOperator.newBuilder()
        .setJoinType(type)
        .setKey(prefixedCustomer())
        .setTableName("customers")
        .setConnector("fake")
        .setTableSchema(io.tributary.proto.program.Schema.newBuilder().addAllFields(TABLE_FIELDS))
        .setKeyField(1)
        .setCacheMaxBytes(maxBytes)
        .setCacheTtlMicros(ttlMicros)
        .build();
  }

  private final LookupCounters counters = new LookupCounters();

  private OperatorTestDriver driver(io.tributary.proto.program.LookupJoinOperator spec) {
    LookupJoinOperator operator = new LookupJoinOperator(spec, valueSchema -> {
      table.valueSchema = valueSchema;
      return table;
    }, ExpressionCompiler.shared(), counters);
    return OperatorTestDriver.builder(allocator, INPUT).clock(clock)
        .operator("lookup_join_1", operator, OUTPUT)
        .build();
  }

  private void orders(OperatorTestDriver driver, long timestamp, Object... idsAndCustomers) {
    try (BatchBuilder rows = new BatchBuilder(INPUT, allocator)) {
      for (int i = 0; i < idsAndCustomers.length; i += 2) {
        rows.addRow(timestamp + i, idsAndCustomers[i], idsAndCustomers[i + 1]);
      }
      driver.process(rows.build());
    }
  }

  @Test
  void leftJoinPadsMissesAndNullKeysWithNullsAndLooksUpEachDistinctKeyOncePerBatch() {
    table.rows.put("customer:a", List.of("Ann", 1));
    table.rows.put("customer:b", Arrays.asList("Bob", null));
    try (OperatorTestDriver driver = driver(spec(JoinType.LEFT, 1_000_000, 0))) {
      orders(driver, 100, 1L, "a", 2L, "x", 3L, null, 4L, "b", 5L, "a");
      assertThat(driver.outputRows()).containsExactly(
          List.of(1L, "a", "Ann", "customer:a", 1),
          Arrays.asList(2L, "x", null, null, null),
          Arrays.asList(3L, null, null, null, null),
          Arrays.asList(4L, "b", "Bob", "customer:b", null),
          List.of(5L, "a", "Ann", "customer:a", 1));
      assertThat(driver.outputTimestamps()).containsExactly(100L, 102L, 104L, 106L, 108L);
      assertThat(table.calls).containsExactly(List.of("customer:a", "customer:x", "customer:b"));
      assertThat(table.valueSchema.getFields()).extracting(f -> f.getName()).containsExactly("name", "tier");
    }
    assertThat(table.closed).isTrue();
  }

  @Test
  void innerJoinDropsMissesAndNullKeys() {
    table.rows.put("customer:a", List.of("Ann", 1));
    try (OperatorTestDriver driver = driver(spec(JoinType.INNER, 1_000_000, 0))) {
      orders(driver, 100, 1L, "a", 2L, "x", 3L, null);
      orders(driver, 200, 4L, "x", 5L, null);
      assertThat(driver.outputRows()).containsExactly(List.of(1L, "a", "Ann", "customer:a", 1));
      // The second batch matched nothing: no empty batch is sent on.
      assertThat(driver.outputBatches()).hasSize(1);
    }
  }

  @Test
  void cachedRowsAndCachedMissesAreNotLookedUpAgainAndCountAsHits() {
    table.rows.put("customer:a", List.of("Ann", 1));
    try (OperatorTestDriver driver = driver(spec(JoinType.LEFT, 1_000_000, 0))) {
      orders(driver, 100, 1L, "a", 2L, "x");
      table.rows.put("customer:x", List.of("Xavier", 3));
      orders(driver, 200, 3L, "a", 4L, "x", 5L, "c");
      assertThat(table.calls).containsExactly(List.of("customer:a", "customer:x"), List.of("customer:c"));
      assertThat(driver.outputRows()).contains(Arrays.asList(4L, "x", null, null, null));
      LookupMetrics metrics = counters.snapshot();
      assertThat(metrics.misses()).isEqualTo(3);
      assertThat(metrics.hits()).isEqualTo(2);
      assertThat(metrics.lookups()).isEqualTo(2);
      assertThat(metrics.cacheEntries()).as("a, x (a cached miss) and c").isEqualTo(3);
      assertThat(metrics.cacheBytes()).isPositive();
    }
  }

  @Test
  void entriesExpireAfterTheTtlOnTheProcessingClock() {
    table.rows.put("customer:a", List.of("Ann", 1));
    try (OperatorTestDriver driver = driver(spec(JoinType.LEFT, 1_000_000, 5_000_000))) {
      orders(driver, 100, 1L, "a");
      table.rows.put("customer:a", List.of("Anna", 2));
      clock.advanceMillis(4_999);
      orders(driver, 200, 2L, "a");
      clock.advanceMillis(1);
      orders(driver, 300, 3L, "a");
      assertThat(driver.outputRows()).extracting(row -> row.get(2)).containsExactly("Ann", "Ann", "Anna");
      assertThat(table.calls).hasSize(2);
    }
  }

  @Test
  void aCacheTooSmallForTwoRowsEvictsTheLeastRecentlyUsed() {
    LookupCache cache = new LookupCache(0, 0, clock);
    cache.put("k", Optional.of(List.of("v")));
    assertThat(cache.size()).as("a zero-byte cache holds nothing").isZero();

    Optional<List<Object>> row = Optional.of(List.of("0123456789"));
    long oneEntry = measure(row);
    LookupCache lru = new LookupCache(2 * oneEntry, 0, clock);
    lru.put("customer:1", row);
    lru.put("customer:2", row);
    assertThat(lru.get("customer:1")).isPresent();
    lru.put("customer:3", row);
    assertThat(lru.get("customer:2")).as("the least recently used entry is evicted").isEmpty();
    assertThat(lru.get("customer:1")).isPresent();
    assertThat(lru.get("customer:3")).isPresent();
    assertThat(lru.bytes()).isEqualTo(2 * oneEntry);
    assertThat(lru.evictions()).isEqualTo(1);
  }

  @Test
  void theOperatorLooksUpAgainWhatItsCacheEvicted() {
    table.rows.put("customer:a", List.of("Ann", 1));
    table.rows.put("customer:b", List.of("Bob", 2));
    long oneEntry = measure(Optional.of(List.of("Ann", 1)));
    try (OperatorTestDriver driver = driver(spec(JoinType.INNER, oneEntry, 0))) {
      orders(driver, 100, 1L, "a");
      orders(driver, 200, 2L, "b");
      orders(driver, 300, 3L, "a");
      orders(driver, 400, 4L, "a");
      assertThat(table.calls).containsExactly(List.of("customer:a"), List.of("customer:b"), List.of("customer:a"));
      assertThat(driver.outputRows()).extracting(row -> row.get(2)).containsExactly("Ann", "Bob", "Ann", "Ann");
    }
  }

  /** The bytes one entry under a ten-character key takes, measured through a cache's own accounting. */
  private long measure(Optional<List<Object>> row) {
    LookupCache probe = new LookupCache(Long.MAX_VALUE, 0, clock);
    probe.put("customer:a", row);
    return probe.bytes();
  }
}
