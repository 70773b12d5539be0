package io.tributary.connectors.kafka;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.TransactionalSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code sink.commit_mode = 'at_least_once'} (the default): records are sent as they come, and
 * every one is acknowledged by the brokers before a checkpoint completes (flushed at the
 * barrier) and when the input ends, so a restore may write some again but loses none. It is a
 * {@link TransactionalSink} only to flush at barriers; it has nothing to commit.
 */
final class AtLeastOnceKafkaSink implements TransactionalSink {
  private final KafkaTable table;
  private final RecordRouter router;
  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  AtLeastOnceKafkaSink(KafkaTable table, RecordRouter router, String clientId) {
    this.table = table;
    this.router = router;
    this.producer = new KafkaProducer<>(table.clientSettings(Map.of(
        "key.serializer", ByteArraySerializer.class.getName(),
        "value.serializer", ByteArraySerializer.class.getName(),
        "acks", "all",
        "linger.ms", "5",
        "client.id", clientId)));
  }

  @Override
  public void write(RecordBatch batch) {
    check();
    try {
      for (ProducerRecord<byte[], byte[]> record : router.records(batch)) {
        producer.send(record, (metadata, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          }
        });
      }
    } catch (KafkaException e) {
      throw new ConnectorException(table.describe("write to", e), e);
    }
  }

  private void flush() {
    try {
      producer.flush();
    } catch (KafkaException e) {
      throw new ConnectorException(table.describe("write to", e), e);
    }
    check();
  }

  private void check() {
    Exception error = failure.get();
    if (error != null) {
      throw new ConnectorException(table.describe("write to", error), error);
    }
  }

  @Override
  public void recover(List<byte[]> commitData) {}

  @Override
  public byte[] preCommit(long epoch) {
    flush();
    return new byte[0];
  }

  @Override
  public void commit(long epoch) {}

  @Override
  public void finish() {
    flush();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
