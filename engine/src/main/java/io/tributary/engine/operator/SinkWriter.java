package io.tributary.engine.operator;

import static java.util.Objects.requireNonNull;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.Sink;
import io.tributary.engine.connector.TransactionalSink;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The last operator of a sink node: hands batches and watermarks to a connector's sink, and
 * drives its two-phase commit when the sink is a {@link TransactionalSink} and the job takes
 * checkpoints.
 */
public final class SinkWriter implements Operator {
  private final Supplier<Sink> factory;
  private Sink sink;

  /** The sink is created when the operator opens, on the subtask's thread. */
  public SinkWriter(Supplier<Sink> factory) {
    this.factory = requireNonNull(factory, "factory is null");
  }

  @Override
  public void open(OperatorContext context) {
    sink = requireNonNull(factory.get(), "the connector created no sink");
  }

  /** The sink's two-phase commit, when it has one. */
  public Optional<TransactionalSink> transactional() {
    return sink instanceof TransactionalSink transactional ? Optional.of(transactional) : Optional.empty();
  }

  @Override
  public void processBatch(RecordBatch batch, Collector out) {
    try (batch) {
      sink.write(batch);
    }
  }

  @Override
  public void processWatermark(Watermark watermark, Collector out) {
    sink.watermark(watermark);
  }

  @Override
  public void finish(Collector out) {
    sink.finish();
  }

  @Override
  public void close() {
    if (sink != null) {
      sink.close();
    }
  }
}
