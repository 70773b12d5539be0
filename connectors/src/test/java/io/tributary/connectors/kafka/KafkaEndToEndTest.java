package io.tributary.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connectors.SqlJobs;
import io.tributary.connectors.SqlJobs.Controller;
import io.tributary.engine.checkpoint.CheckpointCoordinator;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.engine.checkpoint.LocalCheckpointStore;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.engine.runtime.ExecutionOptions;
import io.tributary.engine.runtime.ExecutionSpec;
import io.tributary.engine.runtime.JobExecution;
import io.tributary.engine.time.ProcessingClock;
import io.tributary.proto.program.LogicalProgram;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka → SQL → Kafka with an exactly-once sink and a checkpoint store, as a job runs it: the
 * smoke pattern (a first part of the input, a checkpoint, a second part, stop with a checkpoint,
 * the rest after a restore at another parallelism) and a crash after a checkpoint; the output
 * topic, read committed, holds every expected row exactly once.
 */
@Timeout(180)
class KafkaEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int PARTITIONS = 4;

  @TempDir
  Path directory;

  private static String sql(String input, String output) {
    return """
        CREATE TABLE orders (id BIGINT, customer TEXT, amount DOUBLE) WITH (
            connector = 'kafka', bootstrap_servers = '%1$s', topic = '%2$s', type = 'source',
            format = 'json', 'source.offset' = 'earliest');
        CREATE TABLE large_orders WITH (
            connector = 'kafka', bootstrap_servers = '%1$s', topic = '%3$s', type = 'sink',
            format = 'json', 'sink.commit_mode' = 'exactly_once');
        INSERT INTO large_orders
        SELECT id, upper(customer) AS customer, amount FROM orders WHERE amount > 100;
        """.formatted(KafkaTestBroker.bootstrapServers(), input, output);
  }

  private static List<String> orders(int from, int to) {
    return IntStream.range(from, to)
        .mapToObj(i -> "{\"id\": " + i + ", \"customer\": \"c" + (i % 5) + "\", \"amount\": " + (i % 200) + ".5}")
        .toList();
  }

  private static List<String> expected(int to) {
    return IntStream.range(0, to).filter(i -> i % 200 + 0.5 > 100)
        .mapToObj(i -> String.format(Locale.ROOT, "{\"id\":%d,\"customer\":\"C%d\",\"amount\":%d.5}", i, i % 5, i % 200))
        .toList();
  }

  private record Run(JobExecution job, Controller controller) implements AutoCloseable {
    /** Stops with a final checkpoint and waits for the end; answers that checkpoint's epoch. */
    long stopWithCheckpoint() throws InterruptedException {
      long epoch = controller.checkpoint(true);
      assertThat(job.awaitTermination(WAIT)).isTrue();
      assertThat(controller.failures).isEmpty();
      return epoch;
    }

    @Override
    public void close() {
      job.close();
    }
  }

  private static Run start(LogicalProgram program, CheckpointStore store, OptionalLong restore) {
    Controller controller = new Controller("kafka job", new CheckpointCoordinator("job", store,
        ExecutionSpec.allSubtasks(program), 2, ProcessingClock.system()), WAIT);
    JobExecution job = JobExecution.start(new ExecutionSpec("job", program, ExecutionSpec.allSubtasks(program),
        ConnectorRegistry.load(), controller, restore), ExecutionOptions.defaults().withCheckpointStore(store));
    controller.job.set(job);
    return new Run(job, controller);
  }

  /** Takes checkpoints until the output topic holds {@code count} committed rows; answers the last epoch. */
  private static long checkpointUntil(Controller controller, String topic, int count) throws InterruptedException {
    long epoch = controller.checkpoint(false);
    while (KafkaTestBroker.readAll(topic).size() < count) {
      epoch = controller.checkpoint(false);
    }
    return epoch;
  }

  @Test
  void smokePatternWithARestoreAtAnotherParallelismWritesEveryRowOnce() throws Exception {
    String input = KafkaTestBroker.createTopic("orders", PARTITIONS);
    String output = KafkaTestBroker.createTopic("large-orders", 1);
    CheckpointStore store = new LocalCheckpointStore(directory);
    KafkaTestBroker.produce(input, PARTITIONS, orders(0, 300));
    long stop;
    try (Run run = start(SqlJobs.plan("kafka to kafka", sql(input, output), 1), store, OptionalLong.empty())) {
      checkpointUntil(run.controller(), output, expected(300).size());
      KafkaTestBroker.produce(input, PARTITIONS, orders(300, 600));
      stop = run.stopWithCheckpoint();
    }
    KafkaTestBroker.produce(input, PARTITIONS, orders(600, 900));
    try (Run run = start(SqlJobs.plan("kafka to kafka", sql(input, output), 2), store, OptionalLong.of(stop))) {
      checkpointUntil(run.controller(), output, expected(900).size());
      run.stopWithCheckpoint();
    }
    assertThat(KafkaTestBroker.values(KafkaTestBroker.readAll(output)))
        .containsExactlyInAnyOrderElementsOf(expected(900));
  }

  @Test
  void eventTimeComesFromTheWatermarkColumnAndClosesWindows() throws Exception {
    String input = KafkaTestBroker.createTopic("events", 1);
    String output = KafkaTestBroker.createTopic("counts", 1);
    String sql = """
        CREATE TABLE events (k TEXT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (
            connector = 'kafka', bootstrap_servers = '%1$s', topic = '%2$s', type = 'source',
            'source.offset' = 'earliest');
        CREATE TABLE counts WITH (
            connector = 'kafka', bootstrap_servers = '%1$s', topic = '%3$s', type = 'sink', 'sink.key_field' = 'k');
        INSERT INTO counts
        SELECT k, count(*) AS n FROM events GROUP BY k, tumble(interval '1 minute');
        """.formatted(KafkaTestBroker.bootstrapServers(), input, output);
    // Two events in minute 0, one in minute 1, then one in minute 5 whose watermark closes both windows.
    KafkaTestBroker.produce(input, 1, List.of(
        "{\"k\": \"a\", \"ts\": \"2026-01-01T00:00:10\"}",
        "{\"k\": \"a\", \"ts\": \"2026-01-01T00:00:50\"}",
        "{\"k\": \"a\", \"ts\": \"2026-01-01T00:01:30\"}",
        "{\"k\": \"b\", \"ts\": \"2026-01-01T00:05:00\"}"));
    try (Run run = start(SqlJobs.plan("windowed kafka", sql, 1), new LocalCheckpointStore(directory),
        OptionalLong.empty())) {
      assertThat(KafkaTestBroker.awaitValues(output, 2)).containsExactlyInAnyOrder("{\"k\":\"a\",\"n\":2}", "{\"k\":\"a\",\"n\":1}");
      run.stopWithCheckpoint();
    }
  }

  @Test
  void aCrashAfterACheckpointRestoresWithoutDuplicates() throws Exception {
    String input = KafkaTestBroker.createTopic("orders", PARTITIONS);
    String output = KafkaTestBroker.createTopic("large-orders", 2);
    CheckpointStore store = new LocalCheckpointStore(directory);
    KafkaTestBroker.produce(input, PARTITIONS, orders(0, 400));
    long epoch;
    try (Run run = start(SqlJobs.plan("kafka to kafka", sql(input, output), 2), store, OptionalLong.empty())) {
      epoch = checkpointUntil(run.controller(), output, expected(400).size());
      KafkaTestBroker.produce(input, PARTITIONS, orders(400, 800));
      // Closing cancels the tasks wherever they are, as a crash would: rows after the checkpoint are uncommitted.
    }
    try (Run run = start(SqlJobs.plan("kafka to kafka", sql(input, output), 3), store, OptionalLong.of(epoch))) {
      checkpointUntil(run.controller(), output, expected(800).size());
      run.stopWithCheckpoint();
    }
    assertThat(KafkaTestBroker.values(KafkaTestBroker.readAll(output)))
        .containsExactlyInAnyOrderElementsOf(expected(800));
  }

  @Test
  void metadataColumnsCarryEachRecordsKafkaMetadataIntoTheQuery() throws Exception {
    String input = KafkaTestBroker.createTopic("with-metadata", 2);
    String output = KafkaTestBroker.createTopic("metadata-out", 1);
    String sql = """
        CREATE TABLE orders (id BIGINT, part INT METADATA FROM 'partition', off BIGINT METADATA FROM 'offset_id',
            from_topic TEXT METADATA FROM 'topic', written_at TIMESTAMP METADATA FROM 'timestamp',
            record_key BYTEA METADATA FROM 'key') WITH (
            connector = 'kafka', bootstrap_servers = '%1$s', topic = '%2$s', type = 'source',
            'source.offset' = 'earliest');
        CREATE TABLE tagged WITH (connector = 'kafka', bootstrap_servers = '%1$s', topic = '%3$s', type = 'sink');
        INSERT INTO tagged
        SELECT id, part, off, from_topic, written_at, record_key IS NOT NULL AS keyed FROM orders;
        """.formatted(KafkaTestBroker.bootstrapServers(), input, output);
    // Kafka timestamps in milliseconds: 2026-01-01T00:00:00Z and one second later.
    KafkaTestBroker.produceRecords(List.of(
        new ProducerRecord<>(input, 1, 1_767_225_600_000L, "k".getBytes(StandardCharsets.UTF_8),
            "{\"id\": 7}".getBytes(StandardCharsets.UTF_8)),
        new ProducerRecord<>(input, 1, 1_767_225_601_000L, null, "{\"id\": 8}".getBytes(StandardCharsets.UTF_8))));
    try (Run run = start(SqlJobs.plan("kafka metadata", sql, 1), new LocalCheckpointStore(directory),
        OptionalLong.empty())) {
      assertThat(KafkaTestBroker.awaitValues(output, 2)).containsExactly(
          "{\"id\":7,\"part\":1,\"off\":0,\"from_topic\":\"" + input + "\",\"written_at\":\"2026-01-01T00:00:00\",\"keyed\":true}",
          "{\"id\":8,\"part\":1,\"off\":1,\"from_topic\":\"" + input + "\",\"written_at\":\"2026-01-01T00:00:01\",\"keyed\":false}");
      run.stopWithCheckpoint();
    }
  }
}
