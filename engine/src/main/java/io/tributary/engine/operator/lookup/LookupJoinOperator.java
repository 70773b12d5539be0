package io.tributary.engine.operator.lookup;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.batch.VectorValues;
import io.tributary.engine.connector.LookupSource;
import io.tributary.engine.expr.ExpressionCompiler;
import io.tributary.engine.expr.Projector;
import io.tributary.engine.metrics.LookupCounters;
import io.tributary.engine.operator.Collector;
import io.tributary.engine.operator.Operator;
import io.tributary.engine.operator.OperatorContext;
import io.tributary.proto.program.JoinType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A lookup join ({@code LookupJoinOperator} in program.proto): per batch, computes every row's
 * key, answers what it can from the {@link LookupCache}, fetches the other distinct keys with one
 * {@link LookupSource#lookup} call, and emits the input columns followed by the table's columns.
 * INNER drops rows without a row in the table (and rows whose key is NULL); LEFT pads them with NULLs.
 *
 * <p>The cache is deliberately not checkpoint state: it only holds copies of what the table held
 * at some recent time, so a restored job that starts with an empty cache looks the keys up again
 * and produces rows as correct as the cached ones would have been; checkpointing it would only make
 * checkpoints larger and replay stale rows past their TTL.
 */
public final class LookupJoinOperator implements Operator {
  private final io.tributary.proto.program.LookupJoinOperator spec;
  private final Function<Schema, LookupSource> sources;
  private final ExpressionCompiler compiler;
  private final boolean inner;
  private final LookupCounters counters;
  private Projector keyProjector;
  private LookupSource source;
  private LookupCache cache;
  private BufferAllocator allocator;
  private Schema outputSchema;
  private int inputColumns;

  /**
   * @param sources opens the lookup source for the table's value columns (the schema it is given)
   * @param counters where the join counts its cache hits and misses and its calls of the table
   */
  public LookupJoinOperator(io.tributary.proto.program.LookupJoinOperator spec, Function<Schema, LookupSource> sources,
      ExpressionCompiler compiler, LookupCounters counters) {
    this.spec = requireNonNull(spec, "spec is null");
    this.sources = requireNonNull(sources, "sources is null");
    this.compiler = requireNonNull(compiler, "compiler is null");
    this.counters = requireNonNull(counters, "counters is null");
    if (spec.getJoinType() != JoinType.INNER && spec.getJoinType() != JoinType.LEFT) {
      throw new IllegalArgumentException("a lookup join is INNER or LEFT, not " + spec.getJoinType());
    }
    this.inner = spec.getJoinType() == JoinType.INNER;
    int tableColumns = spec.getTableSchema().getFieldsCount();
    if (spec.getKeyField() < 0 || spec.getKeyField() >= tableColumns) {
      throw new IllegalArgumentException("lookup join key_field " + spec.getKeyField() + " is outside the table's "
          + tableColumns + " columns");
    }
    if (spec.getCacheMaxBytes() < 0 || spec.getCacheTtlMicros() < 0) {
      throw new IllegalArgumentException("lookup join cache bounds must be >= 0");
    }
  }

  @Override
  public void open(OperatorContext context) {
    allocator = context.allocator();
    outputSchema = context.outputSchema();
    inputColumns = context.inputSchema().getFields().size() - 1;
    int expected = inputColumns + spec.getTableSchema().getFieldsCount() + 1;
    if (outputSchema.getFields().size() != expected) {
      throw new IllegalArgumentException("lookup join output schema has " + outputSchema.getFields().size()
          + " columns; expected " + expected + " (the input's, the table's, _timestamp)");
    }
    keyProjector = compiler.compile(context.inputSchema(), Optional.empty(), List.of(spec.getKey()),
        new Schema(List.of(Field.nullable("key", ArrowType.Utf8.INSTANCE))));
    cache = new LookupCache(spec.getCacheMaxBytes(), spec.getCacheTtlMicros() * 1_000, context.clock());
    List<Field> values = new ArrayList<>();
    for (int i = 0; i < spec.getTableSchema().getFieldsCount(); i++) {
      if (i != spec.getKeyField()) {
        values.add(ArrowTypes.toArrow(spec.getTableSchema().getFields(i)));
      }
    }
    source = sources.apply(new Schema(values));
  }

  @Override
  public void processBatch(RecordBatch batch, Collector out) {
    RecordBatch result;
    try (batch) {
      result = join(batch);
    }
    if (result.rowCount() == 0) {
      result.close();
    } else {
      out.collect(result);
    }
  }

  private RecordBatch join(RecordBatch batch) {
    int rows = batch.rowCount();
    String[] keys = keys(batch);
    Map<String, Optional<List<Object>>> found = new HashMap<>();
    LinkedHashSet<String> missing = new LinkedHashSet<>();
    for (String key : keys) {
      if (key == null || found.containsKey(key) || missing.contains(key)) {
        continue;
      }
      Optional<Optional<List<Object>>> cached = cache.get(key);
      if (cached.isPresent()) {
        found.put(key, cached.get());
      } else {
        missing.add(key);
      }
    }
    long hits = 0;
    long misses = 0;
    for (String key : keys) {
      if (key != null) {
        if (missing.contains(key)) {
          misses++;
        } else {
          hits++;
        }
      }
    }
    counters.joined(hits, misses, missing.isEmpty() ? 0 : 1);
    if (!missing.isEmpty()) {
      List<String> asked = List.copyOf(missing);
      List<Optional<List<Object>>> answers = source.lookup(asked);
      if (answers.size() != asked.size()) {
        throw new IllegalStateException("lookup table " + spec.getTableName() + " answered " + answers.size()
            + " rows for " + asked.size() + " keys");
      }
      for (int i = 0; i < asked.size(); i++) {
        found.put(asked.get(i), answers.get(i));
        cache.put(asked.get(i), answers.get(i));
      }
    }
    // Reading the cache may expire entries too, so its size is published after every batch.
    counters.cached(cache.size(), cache.bytes());
    int[] selected = new int[rows];
    int count = 0;
    for (int row = 0; row < rows; row++) {
      boolean matched = keys[row] != null && found.get(keys[row]).isPresent();
      if (matched || !inner) {
        selected[count++] = row;
      }
    }
    return output(batch, keys, found, selected, count);
  }

  private String[] keys(RecordBatch batch) {
    try (VectorSchemaRoot computed = keyProjector.evaluate(batch.root(), allocator)) {
      VarCharVector vector = (VarCharVector) computed.getVector(0);
      String[] keys = new String[batch.rowCount()];
      for (int row = 0; row < keys.length; row++) {
        keys[row] = vector.isNull(row) ? null : vector.getObject(row).toString();
      }
      return keys;
    }
  }

  private RecordBatch output(RecordBatch batch, String[] keys, Map<String, Optional<List<Object>>> found,
      int[] selected, int count) {
    VectorSchemaRoot root = VectorSchemaRoot.create(outputSchema, allocator);
    try {
      List<FieldVector> vectors = root.getFieldVectors();
      for (FieldVector vector : vectors) {
        vector.setInitialCapacity(Math.max(count, 1));
        vector.allocateNew();
      }
      for (int c = 0; c < inputColumns; c++) {
        FieldVector from = batch.column(c);
        FieldVector to = vectors.get(c);
        for (int i = 0; i < count; i++) {
          to.copyFromSafe(selected[i], i, from);
        }
      }
      int tableColumns = spec.getTableSchema().getFieldsCount();
      for (int i = 0; i < count; i++) {
        String key = keys[selected[i]];
        Optional<List<Object>> row = key == null ? Optional.empty() : found.get(key);
        for (int t = 0; t < tableColumns; t++) {
          FieldVector to = vectors.get(inputColumns + t);
          if (t == spec.getKeyField()) {
            VectorValues.set(to, i, row.isPresent() ? key : null);
          } else {
            int value = valueIndex(t);
            VectorValues.set(to, i, row.map(values -> values.get(value)).orElse(null));
          }
        }
      }
      TimeStampNanoVector timestamps = (TimeStampNanoVector) vectors.getLast();
      for (int i = 0; i < count; i++) {
        timestamps.setSafe(i, batch.timestamps().get(selected[i]));
      }
      for (FieldVector vector : vectors) {
        vector.setValueCount(count);
      }
      root.setRowCount(count);
      return RecordBatch.of(root);
    } catch (RuntimeException e) {
      root.close();
      throw e;
    }
  }

  /** The index among the values a source returns of table column {@code column}. */
  private int valueIndex(int column) {
    return column < spec.getKeyField() ? column : column - 1;
  }

  @Override
  public void close() {
    if (source != null) {
      source.close();
    }
  }
}
