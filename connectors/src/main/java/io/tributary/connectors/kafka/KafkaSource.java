package io.tributary.connectors.kafka;

import io.tributary.connectors.format.BadDataException;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.Source;
import io.tributary.engine.connector.SourceContext;
import io.tributary.engine.state.StateCodec;
import io.tributary.engine.state.StateReader;
import io.tributary.engine.state.StateWriter;
import io.tributary.engine.state.Stateful;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One subtask's share of a Kafka topic: partition {@code p} belongs to subtask
 * {@code p mod parallelism}. The partitions are assigned (no consumer-group rebalancing), and the
 * position of each (the offset of the next record) is the source's checkpointed state, written
 * by every subtask for the partitions it owns; a restore at any parallelism takes each partition's
 * position from whichever old subtask owned it, so exactly the records after the checkpoint are
 * read again. A partition without a checkpointed position starts where {@code source.offset}
 * says: {@code earliest}, {@code latest}, or {@code group} (the offsets committed for
 * {@code group_id}, else the earliest). With a {@code group_id} the positions are also committed
 * to Kafka at each checkpoint, for monitoring and for {@code source.offset = 'group'}; they are
 * not what a restore uses. A subtask that owns no partition (more subtasks than partitions)
 * finishes at once, so that it holds no watermark back. A record's event time is its Kafka timestamp, unless the table
 * declares an event-time column. Its offset, partition, topic, timestamp and key can be read into
 * {@code METADATA FROM} columns, see {@link KafkaMetadata}.
 */
final class KafkaSource implements Source, Stateful {
  private static final String POSITIONS = "positions";
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

  private final SourceContext context;
  private final KafkaTable table;
  private final ValueDecoder decoder;
  private final KafkaMetadata metadata;
  private final boolean dropBadData;
  private final String startAt;
  private final java.util.Optional<String> groupId;
  /** The next offset to read of each owned partition, once known (restored or looked up). */
  private final Map<Integer, Long> positions = new TreeMap<>();
  private KafkaConsumer<byte[], byte[]> consumer;
  private List<TopicPartition> owned;

  KafkaSource(SourceContext context) {
    this.context = context;
    this.table = KafkaTable.of(context.options());
    this.decoder = ValueDecoder.of(context);
    this.metadata = KafkaMetadata.of(context);
    this.dropBadData = context.options().choice("bad_data", Set.of("fail", "drop")).orElse("fail").equals("drop");
    this.startAt = context.options().choice("source.offset", Set.of("earliest", "latest", "group")).orElse("latest");
    this.groupId = context.options().string("source.group_id").or(() -> context.options().string("group_id"));
    if (startAt.equals("group") && groupId.isEmpty()) {
      throw new ConnectorException("table " + context.tableName() + " starts from its group's offsets "
          + "(source.offset = 'group') and needs the option 'group_id'");
    }
  }

  @Override
  public void restore(StateReader reader) {
    for (Map<String, byte[]> old : reader.global(POSITIONS).values()) {
      old.forEach((partition, offset) -> {
        int p = Integer.parseInt(partition);
        if (p % context.parallelism() == context.subtaskIndex()) {
          positions.put(p, StateCodec.decodeLong(offset));
        }
      });
    }
  }

  @Override
  public void snapshot(StateWriter writer) {
    open();
    Map<String, byte[]> entries = new HashMap<>();
    positions.forEach((partition, offset) -> entries.put(Integer.toString(partition), StateCodec.encode(offset)));
    writer.writeGlobal(POSITIONS, entries);
    if (groupId.isPresent() && !positions.isEmpty()) {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      positions.forEach((partition, offset) ->
          offsets.put(new TopicPartition(table.topic(), partition), new OffsetAndMetadata(offset)));
      // Informational: a failed commit must not fail the checkpoint, whose state is what counts.
      consumer.commitAsync(offsets, (committed, error) -> { });
    }
  }

  @Override
  public PollResult poll(Output output) {
    open();
    if (owned.isEmpty()) {
      // More subtasks than partitions: this one has nothing to read, and having ended it holds
      // no watermark back.
      return PollResult.FINISHED;
    }
    ConsumerRecords<byte[], byte[]> records;
    try {
      records = consumer.poll(POLL);
    } catch (KafkaException e) {
      throw new ConnectorException(table.describe("read", e), e);
    }
    if (records.isEmpty()) {
      return PollResult.MORE;
    }
    try (BatchBuilder builder = new BatchBuilder(context.outputSchema(), context.allocator())) {
      for (ConsumerRecord<byte[], byte[]> record : records) {
        positions.put(record.partition(), record.offset() + 1);
        Supplier<String> where = () -> "the record at offset " + record.offset() + " of partition "
            + record.partition() + " of topic " + table.topic();
        long timestamp = record.timestamp() >= 0 ? record.timestamp() * 1_000_000L : context.clock().nowNanos();
        try {
          decoder.read(record.value(), where, builder, row -> metadata.fill(record, row), timestamp);
        } catch (BadDataException e) {
          builder.discardRow();
          if (!dropBadData) {
            throw new BadDataException("table " + context.tableName() + ": " + e.getMessage(), e);
          }
        }
      }
      if (builder.rowCount() > 0) {
        output.emit(builder.build());
      }
    }
    return PollResult.MORE;
  }

  /** Connects and assigns the owned partitions, each at its restored or starting position. */
  private void open() {
    if (consumer != null) {
      return;
    }
    Map<String, Object> own = new HashMap<>();
    own.put("key.deserializer", ByteArrayDeserializer.class.getName());
    own.put("value.deserializer", ByteArrayDeserializer.class.getName());
    own.put("enable.auto.commit", "false");
    own.put("auto.offset.reset", "earliest");
    own.put("allow.auto.create.topics", "false");
    own.put("isolation.level", context.options().choice("source.read_mode",
        Set.of("read_committed", "read_uncommitted")).orElse("read_uncommitted"));
    own.put("client.id", "tributary-" + context.jobId() + "-" + context.operatorId() + "-" + context.subtaskIndex());
    groupId.ifPresent(group -> own.put("group.id", group));
    consumer = new KafkaConsumer<>(table.clientSettings(own));
    try {
      List<PartitionInfo> partitions = consumer.partitionsFor(table.topic(), METADATA_TIMEOUT);
      if (partitions == null || partitions.isEmpty()) {
        throw new ConnectorException("Kafka topic '" + table.topic() + "' of table " + context.tableName()
            + " does not exist at " + table.bootstrapServers());
      }
      owned = partitions.stream()
          .map(PartitionInfo::partition)
          .filter(p -> p % context.parallelism() == context.subtaskIndex())
          .sorted()
          .map(p -> new TopicPartition(table.topic(), p))
          .toList();
      consumer.assign(owned);
      Map<TopicPartition, OffsetAndMetadata> committed = startAt.equals("group")
          ? consumer.committed(Set.copyOf(owned), METADATA_TIMEOUT) : Map.of();
      for (TopicPartition partition : owned) {
        Long restored = positions.get(partition.partition());
        OffsetAndMetadata groupOffset = committed.get(partition);
        if (restored != null) {
          consumer.seek(partition, restored);
        } else if (groupOffset != null) {
          consumer.seek(partition, groupOffset.offset());
        } else if (startAt.equals("latest")) {
          consumer.seekToEnd(List.of(partition));
        } else {
          consumer.seekToBeginning(List.of(partition));
        }
        // Resolved now, so that a checkpoint before the first record keeps this very position.
        positions.put(partition.partition(), consumer.position(partition, METADATA_TIMEOUT));
      }
    } catch (KafkaException e) {
      throw new ConnectorException(table.describe("connect to", e), e);
    }
  }

  @Override
  public void close() {
    if (consumer != null) {
      consumer.close(Duration.ofSeconds(5));
    }
  }
}
