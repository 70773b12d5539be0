package io.tributary.connectors.kafka;

import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.TransactionalSink;
import io.tributary.engine.state.StateCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code sink.commit_mode = 'exactly_once'} in a job that takes checkpoints. The rows of an epoch
 * are held until the barrier, which seals them into the checkpoint's commit data (pre-commit);
 * once the checkpoint is durable they are written in one Kafka transaction, which also commits
 * the epoch as the offset of a marker consumer group named after the transactional id. A restore
 * first fences any earlier producer of each restored transactional id (aborting its open
 * transaction), reads the marker, and writes again, transaction by transaction, exactly the
 * restored epochs the marker shows uncommitted. Consumers see each row once with
 * {@code isolation.level = read_committed} ({@code source.read_mode = 'read_committed'}).
 *
 * <p>Why not keep a transaction open from the barrier to the commit: Kafka's 4.1 client has no
 * public way for a restarted producer to commit a transaction another instance prepared (KIP-939
 * is not released), so a crash between checkpoint and commit would lose that epoch's rows; and a
 * transaction left open by a crash stalls read_committed consumers until it times out. Here no
 * transaction outlives a commit call. The price: an epoch's records stay in memory until the
 * checkpoint completes, and are kept in the checkpoint.
 */
final class ExactlyOnceKafkaSink implements TransactionalSink {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** The sealed records of one epoch. */
  private record Epoch(long epoch, List<ProducerRecord<byte[], byte[]>> records) {}

  private final KafkaTable table;
  private final RecordRouter router;
  private final String transactionalId;
  private final int subtaskIndex;
  private final int parallelism;
  private final Map<String, KafkaProducer<byte[], byte[]>> producers = new HashMap<>();
  private List<ProducerRecord<byte[], byte[]>> current = new ArrayList<>();
  private final List<Epoch> pending = new ArrayList<>();
  private boolean recovered;

  ExactlyOnceKafkaSink(KafkaTable table, RecordRouter router, String transactionalId, int subtaskIndex,
      int parallelism) {
    this.table = table;
    this.router = router;
    this.transactionalId = transactionalId;
    this.subtaskIndex = subtaskIndex;
    this.parallelism = parallelism;
  }

  @Override
  public void recover(List<byte[]> commitData) {
    for (byte[] data : commitData) {
      if (data.length == 0) {
        // Written by an at-least-once sink (the table's commit mode changed): nothing to commit.
        continue;
      }
      List<?> decoded = (List<?>) StateCodec.decode(data);
      int oldSubtask = (Integer) decoded.get(0);
      // Every subtask is handed every old subtask's data; each old writer is replayed by one.
      if (oldSubtask % parallelism != subtaskIndex) {
        continue;
      }
      String oldId = (String) decoded.get(1);
      producer(oldId);
      long marker = committedEpoch(oldId);
      for (Object encoded : (List<?>) decoded.get(2)) {
        Epoch epoch = decodeEpoch(encoded);
        if (epoch.epoch() > marker) {
          write(oldId, epoch);
        }
      }
    }
    producer(transactionalId);
    recovered = true;
  }

  @Override
  public void write(RecordBatch batch) {
    if (!recovered) {
      throw new IllegalStateException("the exactly-once Kafka sink of table " + table.tableName()
          + " was not recovered first");
    }
    current.addAll(router.records(batch));
  }

  @Override
  public byte[] preCommit(long epoch) {
    seal(epoch);
    List<Object> epochs = new ArrayList<>();
    for (Epoch sealed : pending) {
      List<Object> records = new ArrayList<>();
      for (ProducerRecord<byte[], byte[]> record : sealed.records()) {
        records.add(java.util.Arrays.asList(record.key(), record.value(), record.timestamp()));
      }
      epochs.add(List.of(sealed.epoch(), records));
    }
    return StateCodec.encode(List.of(subtaskIndex, transactionalId, epochs));
  }

  @Override
  public void commit(long epoch) {
    while (!pending.isEmpty() && pending.getFirst().epoch() <= epoch) {
      write(transactionalId, pending.getFirst());
      pending.removeFirst();
    }
  }

  /** End of input: what is written after the last checkpoint is committed too. */
  @Override
  public void finish() {
    seal(Long.MAX_VALUE);
    commit(Long.MAX_VALUE);
  }

  @Override
  public void close() {
    producers.values().forEach(producer -> producer.close(Duration.ofSeconds(5)));
    producers.clear();
  }

  private void seal(long epoch) {
    if (!current.isEmpty()) {
      pending.add(new Epoch(epoch, current));
      current = new ArrayList<>();
    }
  }

  private Epoch decodeEpoch(Object encoded) {
    List<?> values = (List<?>) encoded;
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (Object record : (List<?>) values.get(1)) {
      List<?> fields = (List<?>) record;
      records.add(new ProducerRecord<>(table.topic(), null, (Long) fields.get(2), (byte[]) fields.get(0),
          (byte[]) fields.get(1)));
    }
    return new Epoch((Long) values.get(0), records);
  }

  /** The marker group's partition: the topic's first partition, which always exists. */
  private TopicPartition markerPartition() {
    return new TopicPartition(table.topic(), 0);
  }

  /** Writes one epoch's records and moves the marker to it, atomically. */
  private void write(String id, Epoch epoch) {
    KafkaProducer<byte[], byte[]> producer = producer(id);
    try {
      producer.beginTransaction();
      for (ProducerRecord<byte[], byte[]> record : epoch.records()) {
        producer.send(record);
      }
      producer.sendOffsetsToTransaction(Map.of(markerPartition(), new OffsetAndMetadata(epoch.epoch())),
          new ConsumerGroupMetadata(id));
      producer.commitTransaction();
    } catch (KafkaException e) {
      throw new ConnectorException(table.describe("commit the rows of checkpoint " + epoch.epoch() + " to", e), e);
    }
  }

  /** The last epoch committed under {@code id} (its marker group's offset), or -1; read after fencing. */
  private long committedEpoch(String id) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(table.clientSettings(Map.of(
        "group.id", id,
        "isolation.level", "read_committed",
        "enable.auto.commit", "false",
        "key.deserializer", ByteArrayDeserializer.class.getName(),
        "value.deserializer", ByteArrayDeserializer.class.getName())))) {
      OffsetAndMetadata marker = consumer.committed(Set.of(markerPartition()), TIMEOUT).get(markerPartition());
      return marker == null ? -1 : marker.offset();
    } catch (KafkaException e) {
      throw new ConnectorException(table.describe("read what was committed to", e), e);
    }
  }

  /** The transactional producer of {@code id}, fencing any earlier one (aborting its open transaction). */
  private KafkaProducer<byte[], byte[]> producer(String id) {
    KafkaProducer<byte[], byte[]> existing = producers.get(id);
    if (existing != null) {
      return existing;
    }
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(table.clientSettings(Map.of(
        "key.serializer", ByteArraySerializer.class.getName(),
        "value.serializer", ByteArraySerializer.class.getName(),
        "transactional.id", id,
        "acks", "all",
        "enable.idempotence", "true")));
    try {
      producer.initTransactions();
    } catch (KafkaException e) {
      producer.close(Duration.ZERO);
      throw new ConnectorException(table.describe("start a transaction for", e), e);
    }
    producers.put(id, producer);
    return producer;
  }
}
