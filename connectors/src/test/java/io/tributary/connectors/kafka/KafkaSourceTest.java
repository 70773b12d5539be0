package io.tributary.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connectors.Contexts;
import io.tributary.connectors.format.ConfluentFraming;
import io.tributary.connectors.registry.FakeSchemaRegistry;
import io.tributary.connectors.registry.SchemaRegistryClient;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.checkpoint.LocalCheckpointStore;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.ConnectorOptions;
import io.tributary.engine.connector.Source;
import io.tributary.engine.connector.SourceContext;
import io.tributary.engine.state.CheckpointStateReader;
import io.tributary.engine.state.CheckpointStateWriter;
import io.tributary.engine.state.Stateful;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.engine.time.ProcessingClock;
import io.tributary.proto.checkpoint.CheckpointMetadata;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka source against a real broker: partitions spread over subtasks, positions restored exactly. */
@Timeout(120)
class KafkaSourceTest extends AllocatorTest {
  private static final int PARTITIONS = 4;
  private static final Schema ROWS = new Schema(List.of(
      Field.nullable("id", new ArrowType.Int(64, true)),
      Field.nullable("name", ArrowType.Utf8.INSTANCE),
      timestamp()));

  @TempDir
  Path directory;

  private static Field timestamp() {
    return new Field("_timestamp", FieldType.notNullable(new ArrowType.Timestamp(
        org.apache.arrow.vector.types.TimeUnit.NANOSECOND, null)), null);
  }

  private static List<String> json(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "{\"id\": " + i + ", \"name\": \"n" + i + "\"}").toList();
  }

  private Source source(Schema schema, Map<String, String> options, int subtask, int parallelism) {
    return new KafkaConnector().createSource(Contexts.source(schema, options, subtask, parallelism, allocator,
        ProcessingClock.system()));
  }

  private static Map<String, String> options(String topic, String... more) {
    Map<String, String> options = new HashMap<>(Map.of(
        "bootstrap_servers", KafkaTestBroker.bootstrapServers(), "topic", topic, "type", "source",
        "source.offset", "earliest"));
    for (int i = 0; i < more.length; i += 2) {
      options.put(more[i], more[i + 1]);
    }
    return options;
  }

  /** Polls until the source has produced {@code count} rows (the test's timeout bounds it). */
  private static List<List<Object>> read(Source source, int count) {
    List<List<Object>> rows = new ArrayList<>();
    while (rows.size() < count) {
      source.poll(batch -> {
        try (RecordBatch owned = batch) {
          rows.addAll(OperatorTestDriver.rowsOf(owned));
        }
      });
    }
    return rows;
  }

  @Test
  void subtasksShareThePartitionsAndReadEveryRecordOnce() {
    String topic = KafkaTestBroker.createTopic("spread", PARTITIONS);
    KafkaTestBroker.produce(topic, PARTITIONS, json(0, 40));
    List<Object> ids = new ArrayList<>();
    // Subtask i of 3 owns partitions p ≡ i (mod 3): 0 and 3, 1, 2; each partition holds 10 records.
    int[] expected = {20, 10, 10};
    for (int subtask = 0; subtask < 3; subtask++) {
      try (Source source = source(ROWS, options(topic), subtask, 3)) {
        List<List<Object>> rows = read(source, expected[subtask]);
        assertThat(rows).hasSize(expected[subtask]);
        rows.forEach(row -> ids.add(row.getFirst()));
      }
    }
    assertThat(ids).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 40).mapToObj(i -> (Object) (long) i).toList());
  }

  @Test
  void restoredAtAnotherParallelismReadsExactlyTheRecordsAfterTheCheckpoint() {
    String topic = KafkaTestBroker.createTopic("restore", PARTITIONS);
    KafkaTestBroker.produce(topic, PARTITIONS, json(0, 40));
    LocalCheckpointStore store = new LocalCheckpointStore(directory);
    List<Object> ids = new ArrayList<>();
    CheckpointMetadata.Builder metadata = CheckpointMetadata.newBuilder().setJobId("job").setEpoch(1);
    for (int subtask = 0; subtask < 2; subtask++) {
      try (Source source = source(ROWS, options(topic), subtask, 2)) {
        read(source, 1).forEach(row -> ids.add(row.getFirst()));
        CheckpointStateWriter writer = new CheckpointStateWriter(store, "job", 1, "source_1", subtask, allocator);
        ((Stateful) source).snapshot(writer);
        metadata.addSubtasks(SubtaskCheckpoint.newBuilder().setJobId("job").setEpoch(1).setSubtaskIndex(subtask)
            .setParallelism(2).addOperators(writer.checkpoint()));
      }
    }
    KafkaTestBroker.produce(topic, PARTITIONS, json(40, 60));
    int before = ids.size();
    for (int index = 0; index < 3; index++) {
      int subtask = index;
      try (Source source = source(ROWS, options(topic, "source.offset", "latest"), subtask, 3)) {
        ((Stateful) source).restore(new CheckpointStateReader(store, metadata.build(), "source_1", subtask, 3, allocator));
        // Subtask 0 of 3 owns partitions 0 and 3, the others one each: 15 of the 60 records a partition.
        int owned = subtask == 0 ? 30 : 15;
        long alreadyRead = ids.subList(0, before).stream()
            .filter(id -> ((Long) id % PARTITIONS) % 3 == subtask).count();
        read(source, (int) (owned - alreadyRead)).forEach(row -> ids.add(row.getFirst()));
      }
    }
    assertThat(ids).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 60).mapToObj(i -> (Object) (long) i).toList());
  }

  @Test
  void aSubtaskWithoutPartitionsFinishesSoThatItHoldsNoWatermarkBack() {
    String topic = KafkaTestBroker.createTopic("narrow", 1);
    try (Source source = source(ROWS, options(topic), 1, 2)) {
      assertThat(source.poll(batch -> batch.close())).isEqualTo(Source.PollResult.FINISHED);
    }
  }

  @Test
  void latestReadsOnlyWhatArrivesAfterTheStart() {
    String topic = KafkaTestBroker.createTopic("latest", 1);
    KafkaTestBroker.produce(topic, 1, json(0, 5));
    try (Source source = source(ROWS, options(topic, "source.offset", "latest"), 0, 1)) {
      source.poll(batch -> batch.close());
      KafkaTestBroker.produce(topic, 1, json(5, 8));
      assertThat(read(source, 3)).extracting(List::getFirst).containsExactly(5L, 6L, 7L);
    }
  }

  @Test
  void badDataIsDroppedOrFailsNamingTheTableAndRecord() {
    String topic = KafkaTestBroker.createTopic("bad", 1);
    KafkaTestBroker.produce(topic, 1, List.of("{\"id\": 1}", "not json", "{\"id\": \"two\"}", "{\"id\": 3}"));
    try (Source source = source(ROWS, options(topic, "bad_data", "drop"), 0, 1)) {
      assertThat(read(source, 2)).extracting(List::getFirst).containsExactly(1L, 3L);
    }
    try (Source source = source(ROWS, options(topic), 0, 1)) {
      assertThatThrownBy(() -> read(source, 4))
          .isInstanceOf(ConnectorException.class)
          .hasMessageContaining("table t")
          .hasMessageContaining("offset 1 of partition 0 of topic " + topic);
    }
  }

  @Test
  void rawStringReadsWholeValuesAndFramedJsonSkipsTheHeader() {
    String topic = KafkaTestBroker.createTopic("raw", 1);
    KafkaTestBroker.produce(topic, 1, List.of("hello", "{\"id\": 7}"));
    Schema text = new Schema(List.of(Field.nullable("value", ArrowType.Utf8.INSTANCE), timestamp()));
    try (Source source = source(text, options(topic, "format", "raw_string"), 0, 1)) {
      assertThat(read(source, 2)).containsExactly(List.of("hello"), List.of("{\"id\": 7}"));
    }
    String framed = KafkaTestBroker.createTopic("framed", 1);
    KafkaTestBroker.produce(framed, 1, List.of("\u0000\u0000\u0000\u0000\u0001{\"id\": 9, \"name\": \"x\"}"));
    try (Source source = source(ROWS, options(framed, "json.confluent_schema_registry", "true"), 0, 1)) {
      assertThat(read(source, 1)).containsExactly(List.of(9L, "x"));
    }
  }

  @Test
  void avroFramedValuesAreReadWithTheWritersSchemaFromTheRegistry() throws Exception {
    String topic = KafkaTestBroker.createTopic("avro-in", 1);
    String writerSchema = """
        {"type": "record", "name": "Order", "fields": [
          {"name": "id", "type": "long"},
          {"name": "name", "type": ["null", "string"], "default": null},
          {"name": "ignored", "type": {"type": "enum", "name": "Kind", "symbols": ["A", "B"]}},
          {"name": "at", "type": {"type": "long", "logicalType": "timestamp-micros"}},
          {"name": "tags", "type": {"type": "array", "items": "string"}}]}""";
    Schema table = new Schema(List.of(
        Field.nullable("id", new ArrowType.Int(64, true)),
        Field.nullable("name", ArrowType.Utf8.INSTANCE),
        Field.nullable("at", new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.NANOSECOND, null)),
        new Field("tags", FieldType.nullable(ArrowType.List.INSTANCE),
            List.of(Field.nullable("item", ArrowType.Utf8.INSTANCE))),
        timestamp()));
    try (FakeSchemaRegistry registry = new FakeSchemaRegistry()) {
      int id = new SchemaRegistryClient(java.net.URI.create(registry.endpoint()), java.util.Optional.empty())
          .register(topic + "-value", SchemaRegistryClient.SchemaType.AVRO, writerSchema);
      org.apache.avro.Schema avro = new org.apache.avro.Schema.Parser().parse(writerSchema);
      List<byte[]> values = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        GenericData.Record record = new GenericData.Record(avro);
        record.put("id", (long) i);
        record.put("name", i == 0 ? "first" : null);
        record.put("ignored", new GenericData.EnumSymbol(avro.getField("ignored").schema(), "B"));
        record.put("at", 1_700_000_000_000_000L + i);
        record.put("tags", List.of("x", "y" + i));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ConfluentFraming.header(id));
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericData.Record>(avro).write(record, encoder);
        encoder.flush();
        values.add(out.toByteArray());
      }
      KafkaTestBroker.produceBytes(topic, values);
      try (Source source = source(table, options(topic, "format", "avro", "schema_registry.endpoint",
          registry.endpoint()), 0, 1)) {
        assertThat(read(source, 2)).containsExactly(
            List.of(0L, "first", 1_700_000_000_000_000_000L, List.of("x", "y0")),
            java.util.Arrays.asList(1L, null, 1_700_000_000_000_001_000L, List.of("x", "y1")));
      }
    }
  }

  private Source sourceWithMetadata(Schema schema, Map<String, String> options, Map<Integer, String> metadata) {
    return new KafkaConnector().createSource(new SourceContext("job", "source_1", "t", new ConnectorOptions("t", options),
        schema, 0, 1, allocator, ProcessingClock.system(), metadata));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void metadataColumnsCarryEachRecordsOffsetPartitionTopicTimestampAndKey() {
    String topic = KafkaTestBroker.createTopic("metadata", 2);
    KafkaTestBroker.produceRecords(List.of(
        new ProducerRecord<>(topic, 1, 1_000L, utf8("k1"), utf8("{\"id\": 1}")),
        new ProducerRecord<>(topic, 1, 2_000L, null, utf8("{\"id\": 2, \"topic\": \"not the metadata\"}"))));
    Schema schema = new Schema(List.of(
        Field.nullable("id", new ArrowType.Int(64, true)),
        Field.nullable("offset", new ArrowType.Int(64, true)),
        Field.nullable("partition", new ArrowType.Int(32, true)),
        Field.nullable("topic", ArrowType.Utf8.INSTANCE),
        Field.nullable("at", new ArrowType.Timestamp(org.apache.arrow.vector.types.TimeUnit.NANOSECOND, null)),
        Field.nullable("key", ArrowType.Binary.INSTANCE),
        timestamp()));
    Map<Integer, String> metadata = Map.of(1, "offset_id", 2, "partition", 3, "topic", 4, "timestamp", 5, "key");
    try (Source source = sourceWithMetadata(schema, options(topic), metadata)) {
      List<List<Object>> rows = read(source, 2);
      assertThat(rows).extracting(row -> row.subList(0, 5)).containsExactly(
          List.of(1L, 0L, 1, topic, 1_000_000_000L),
          List.of(2L, 1L, 1, topic, 2_000_000_000L));
      assertThat((byte[]) rows.get(0).get(5)).isEqualTo(utf8("k1"));
      assertThat(rows.get(1).get(5)).isNull();
    }
  }

  @Test
  void rawStringReadsTheValueIntoTheColumnThatIsNotMetadata() {
    String topic = KafkaTestBroker.createTopic("raw-metadata", 1);
    KafkaTestBroker.produceRecords(List.of(new ProducerRecord<>(topic, 0, utf8("k"), utf8("hello"))));
    Schema schema = new Schema(List.of(
        Field.nullable("offset", new ArrowType.Int(64, true)),
        Field.nullable("value", ArrowType.Utf8.INSTANCE),
        timestamp()));
    try (Source source = sourceWithMetadata(schema, options(topic, "format", "raw_string"), Map.of(0, "offset_id"))) {
      assertThat(read(source, 1)).containsExactly(List.of(0L, "hello"));
    }
  }

  @Test
  void aMetadataKeyKafkaDoesNotOfferIsAClearError() {
    Schema schema = new Schema(List.of(
        Field.nullable("id", new ArrowType.Int(64, true)),
        Field.nullable("headers", ArrowType.Utf8.INSTANCE),
        timestamp()));
    assertThatThrownBy(() -> sourceWithMetadata(schema, options("any"), Map.of(1, "headers")))
        .isInstanceOf(ConnectorException.class)
        .hasMessage("table t reads metadata 'headers', which kafka does not offer "
            + "(it offers key, offset_id, partition, timestamp, topic)");
  }

  @Test
  void aMissingTopicIsAClearError() {
    try (Source source = source(ROWS, options("no-such-topic-" + System.nanoTime()), 0, 1)) {
      assertThatThrownBy(() -> source.poll(batch -> batch.close()))
          .isInstanceOf(ConnectorException.class)
          .hasMessageContaining("does not exist")
          .hasMessageContaining("table t");
    }
  }
}
