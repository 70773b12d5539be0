package io.tributary.connectors.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node KRaft Kafka broker in this JVM (spring-kafka-test's, used without any Spring
 * context), started on first use and shared by every test of the JVM; each test makes its own
 * topics. Transactions work: their internal topic has one replica.
 */
public final class KafkaTestBroker {
  private static EmbeddedKafkaKraftBroker broker;

  private KafkaTestBroker() {}

  /** host:port of the broker, starting it if need be. */
  public static synchronized String bootstrapServers() {
    if (broker == null) {
      EmbeddedKafkaKraftBroker started = new EmbeddedKafkaKraftBroker(1, 1);
      started.brokerProperties(Map.of(
          "transaction.state.log.replication.factor", "1",
          "transaction.state.log.min.isr", "1",
          "offsets.topic.replication.factor", "1",
          "group.initial.rebalance.delay.ms", "0",
          // Tests write records with fixed event times long past; the default 7-day retention
          // would delete them as soon as the broker's first retention check runs.
          "log.retention.ms", "-1"));
      started.afterPropertiesSet();
      Runtime.getRuntime().addShutdownHook(new Thread(started::destroy));
      broker = started;
    }
    return broker.getBrokersAsString();
  }

  /** A new topic with a unique name starting with {@code prefix}. */
  public static String createTopic(String prefix, int partitions) {
    String topic = prefix + "-" + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topic " + topic, e);
    }
    return topic;
  }

  /** Writes {@code values} as they are to partition 0. */
  public static void produceBytes(String topic, List<byte[]> values) {
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      values.forEach(value -> producer.send(new ProducerRecord<>(topic, 0, null, value)));
      producer.flush();
    }
  }

  /** Writes the records as they are (partition, timestamp, key and value as each says). */
  public static void produceRecords(List<ProducerRecord<byte[], byte[]>> records) {
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      records.forEach(producer::send);
      producer.flush();
    }
  }

  private static KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(Map.of(
        "bootstrap.servers", bootstrapServers(),
        "key.serializer", ByteArraySerializer.class.getName(),
        "value.serializer", ByteArraySerializer.class.getName()));
  }

  /** Writes {@code values} (UTF-8) to the given partitions in turn, value {@code i} to partition {@code i mod partitions}. */
  public static void produce(String topic, int partitions, List<String> values) {
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (int i = 0; i < values.size(); i++) {
        producer.send(new ProducerRecord<>(topic, i % partitions, null, values.get(i).getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }

  /**
   * Every committed record of the topic, read once no transaction on it is undecided (its last
   * stable offset has caught up with its end: a commit's markers reach the partitions shortly
   * after the commit returns). The test's timeout bounds the wait.
   */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer("read_committed");
        KafkaConsumer<byte[], byte[]> uncommitted = consumer("read_uncommitted")) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (!ends.equals(uncommitted.endOffsets(partitions))) {
        ends = consumer.endOffsets(partitions);
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (true) {
        boolean done = true;
        for (TopicPartition partition : partitions) {
          done &= consumer.position(partition) >= ends.get(partition);
        }
        if (done) {
          break;
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String isolation) {
    return new KafkaConsumer<>(Map.of(
        "bootstrap.servers", bootstrapServers(),
        "isolation.level", isolation,
        "key.deserializer", ByteArrayDeserializer.class.getName(),
        "value.deserializer", ByteArrayDeserializer.class.getName()));
  }

  /** The topic's committed values as text, once there are at least {@code count} (the test's timeout bounds the wait). */
  public static List<String> awaitValues(String topic, int count) {
    List<String> values = values(readAll(topic));
    while (values.size() < count) {
      values = values(readAll(topic));
    }
    return values;
  }

  /** The values of records as UTF-8 text. */
  public static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream().map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
  }
}
