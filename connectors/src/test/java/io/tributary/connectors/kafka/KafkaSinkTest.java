package io.tributary.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connectors.Contexts;
import io.tributary.connectors.format.ConfluentFraming;
import io.tributary.connectors.registry.FakeSchemaRegistry;
import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.ConnectorOptions;
import io.tributary.engine.connector.Sink;
import io.tributary.engine.connector.SinkContext;
import io.tributary.engine.connector.TransactionalSink;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.time.ProcessingClock;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Kafka sink against a real broker: formats, keys, the schema registry, and exactly-once commits. */
@Timeout(120)
class KafkaSinkTest extends AllocatorTest {
  private static final long T0 = LocalDateTime.of(2026, 1, 2, 3, 4, 5).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
  private static final Schema ROWS = new Schema(List.of(
      Field.notNullable("id", new ArrowType.Int(64, true)),
      Field.nullable("name", ArrowType.Utf8.INSTANCE),
      Field.nullable("price", new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE)),
      Field.nullable("at", new ArrowType.Timestamp(TimeUnit.NANOSECOND, null)),
      new Field("_timestamp", FieldType.notNullable(new ArrowType.Timestamp(TimeUnit.NANOSECOND, null)), null)));

  private static Map<String, String> options(String topic, String... more) {
    Map<String, String> options = new HashMap<>(Map.of(
        "bootstrap_servers", KafkaTestBroker.bootstrapServers(), "topic", topic, "type", "sink"));
    for (int i = 0; i < more.length; i += 2) {
      options.put(more[i], more[i + 1]);
    }
    return options;
  }

  private SinkContext context(Map<String, String> options, boolean checkpointed) {
    return new SinkContext("job", "sink_1", "orders_out", new ConnectorOptions("orders_out", options), ROWS, 0, 1,
        allocator, ProcessingClock.system(), new Contexts.RecordingPreview(), checkpointed);
  }

  private RecordBatch batch(int from, int to) {
    try (BatchBuilder builder = new BatchBuilder(ROWS, allocator)) {
      for (int i = from; i < to; i++) {
        builder.addRow(T0 + i * 1_000_000L, (long) i, i % 2 == 0 ? "n" + i : null, i * 1.5,
            T0 + i * 1_000_000_000L);
      }
      return builder.build();
    }
  }

  private void write(Sink sink, int from, int to) {
    try (RecordBatch batch = batch(from, to)) {
      sink.write(batch);
    }
  }

  @Test
  void atLeastOnceWritesJsonWithKeysAndEventTimes() {
    String topic = KafkaTestBroker.createTopic("json-out", 2);
    try (Sink sink = new KafkaConnector().createSink(context(options(topic, "sink.key_field", "id"), false))) {
      write(sink, 0, 3);
      sink.finish();
    }
    List<ConsumerRecord<byte[], byte[]>> records = KafkaTestBroker.readAll(topic);
    assertThat(records).extracting(record -> new String(record.key(), StandardCharsets.UTF_8))
        .containsExactlyInAnyOrder("0", "1", "2");
    assertThat(KafkaTestBroker.values(records)).contains(
        "{\"id\":0,\"name\":\"n0\",\"price\":0.0,\"at\":\"2026-01-02T03:04:05\"}",
        "{\"id\":1,\"name\":null,\"price\":1.5,\"at\":\"2026-01-02T03:04:06\"}");
    assertThat(records).extracting(ConsumerRecord::timestamp)
        .containsExactlyInAnyOrder(T0 / 1_000_000L, T0 / 1_000_000L + 1, T0 / 1_000_000L + 2);
  }

  @Test
  void recordTimestampsComeFromTheTimestampFieldWhenOneIsNamed() {
    String topic = KafkaTestBroker.createTopic("timestamps", 1);
    try (Sink sink = new KafkaConnector().createSink(context(options(topic, "sink.timestamp_field", "at"), false))) {
      write(sink, 0, 2);
      sink.finish();
    }
    assertThat(KafkaTestBroker.readAll(topic)).extracting(ConsumerRecord::timestamp)
        .containsExactly(T0 / 1_000_000L, T0 / 1_000_000L + 1_000);
  }

  @Test
  void avroWithARegistryRegistersTheSchemaAndFramesValuesWithItsId() throws Exception {
    String topic = KafkaTestBroker.createTopic("avro-out", 1);
    try (FakeSchemaRegistry registry = new FakeSchemaRegistry()) {
      try (Sink sink = new KafkaConnector().createSink(context(options(topic, "format", "avro",
          "schema_registry.endpoint", registry.endpoint(), "schema_registry.api_key", "key",
          "schema_registry.api_secret", "secret"), false))) {
        write(sink, 0, 2);
        sink.finish();
      }
      FakeSchemaRegistry.Registered registered = registry.registered().getFirst();
      assertThat(registered.subject()).isEqualTo(topic + "-value");
      assertThat(registered.schemaType()).isEqualTo("AVRO");
      assertThat(registered.authorization()).contains("Basic a2V5OnNlY3JldA==");
      org.apache.avro.Schema schema = new org.apache.avro.Schema.Parser().parse(registered.schema());
      assertThat(schema.getName()).isEqualTo("orders_out");

      List<ConsumerRecord<byte[], byte[]>> records = KafkaTestBroker.readAll(topic);
      assertThat(records).hasSize(2);
      GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema);
      for (int i = 0; i < 2; i++) {
        byte[] value = records.get(i).value();
        assertThat(ConfluentFraming.schemaId(value)).contains(registered.id());
        GenericRecord row = reader.read(null, DecoderFactory.get().binaryDecoder(
            Arrays.copyOfRange(value, ConfluentFraming.HEADER_LENGTH, value.length), null));
        assertThat(row.get("id")).isEqualTo((long) i);
        assertThat(row.get("name") == null ? null : row.get("name").toString()).isEqualTo(i == 0 ? "n0" : null);
        assertThat(row.get("price")).isEqualTo(i * 1.5);
        assertThat(row.get("at")).isEqualTo((T0 / 1_000L) + i * 1_000_000L);
      }
    }
  }

  @Test
  void jsonWithConfluentFramingRegistersAJsonSchema() throws Exception {
    String topic = KafkaTestBroker.createTopic("json-framed", 1);
    try (FakeSchemaRegistry registry = new FakeSchemaRegistry();
        Sink sink = new KafkaConnector().createSink(context(options(topic, "json.confluent_schema_registry", "true",
            "schema_registry.endpoint", registry.endpoint()), false))) {
      write(sink, 0, 1);
      sink.finish();
      FakeSchemaRegistry.Registered registered = registry.registered().getFirst();
      assertThat(registered.schemaType()).isEqualTo("JSON");
      assertThat(registered.schema()).contains("\"required\":[\"id\"]").contains("\"title\":\"orders_out\"");
      byte[] value = KafkaTestBroker.readAll(topic).getFirst().value();
      assertThat(ConfluentFraming.schemaId(value)).contains(registered.id());
      assertThat(new String(value, ConfluentFraming.HEADER_LENGTH, value.length - ConfluentFraming.HEADER_LENGTH,
          StandardCharsets.UTF_8)).startsWith("{\"id\":0,");
    }
  }

  @Test
  void aRegistryRefusalNamesTheTableTheEndpointAndTheSubject() throws Exception {
    String topic = KafkaTestBroker.createTopic("refused", 1);
    try (FakeSchemaRegistry registry = new FakeSchemaRegistry()) {
      registry.refuse(topic + "-value");
      assertThatThrownBy(() -> new KafkaConnector().createSink(context(options(topic, "format", "avro",
          "schema_registry.endpoint", registry.endpoint()), false)))
          .isInstanceOf(ConnectorException.class)
          .hasMessageContaining(registry.endpoint())
          .hasMessageContaining(topic + "-value")
          .hasMessageContaining("HTTP 409 Schema being registered is incompatible");
    }
  }

  @Test
  void exactlyOnceShowsRowsOnlyAfterTheCheckpointCompletesAndRecoversWithoutDuplicates() {
    String topic = KafkaTestBroker.createTopic("exactly-once", 1);
    Map<String, String> options = options(topic, "sink.commit_mode", "exactly_once");
    byte[] second;
    try (TransactionalSink sink = (TransactionalSink) new KafkaConnector().createSink(context(options, true))) {
      sink.recover(List.of());
      write(sink, 0, 3);
      byte[] first = sink.preCommit(1);
      assertThat(first).isNotEmpty();
      assertThat(KafkaTestBroker.readAll(topic)).isEmpty();
      sink.commit(1);
      assertThat(KafkaTestBroker.values(KafkaTestBroker.readAll(topic))).hasSize(3);
      write(sink, 3, 5);
      second = sink.preCommit(2);
      // A crash here: checkpoint 2 is durable, but its rows were never committed to Kafka.
    }
    assertThat(KafkaTestBroker.readAll(topic)).hasSize(3);
    for (int restore = 0; restore < 2; restore++) {
      try (TransactionalSink sink = (TransactionalSink) new KafkaConnector().createSink(context(options, true))) {
        sink.recover(List.of(second));
      }
    }
    assertThat(KafkaTestBroker.readAll(topic)).extracting(record -> (Object) record.timestamp())
        .containsExactly(T0 / 1_000_000L, T0 / 1_000_000L + 1, T0 / 1_000_000L + 2, T0 / 1_000_000L + 3,
            T0 / 1_000_000L + 4);
  }
}
