package io.tributary.connectors.kafka;

import io.tributary.engine.connector.Connector;
import io.tributary.engine.connector.Sink;
import io.tributary.engine.connector.SinkContext;
import io.tributary.engine.connector.Source;
import io.tributary.engine.connector.SourceContext;
import io.tributary.proto.program.TypeKind;
import java.util.Map;
import java.util.Set;

/**
 * {@code kafka}: a Kafka topic, with Arroyo's options. As a source ({@code type = 'source'}) see
 * {@link KafkaSource}; as a sink, {@code sink.commit_mode} {@code at_least_once} (the default,
 * {@link AtLeastOnceKafkaSink}) or {@code exactly_once} ({@link ExactlyOnceKafkaSink}; in a job
 * without checkpoints it writes at least once, as there is nothing to commit with). Formats:
 * {@link ValueDecoder} and {@link ValueEncoder}; schema registry: {@link SchemaRegistration}.
 */
public final class KafkaConnector implements Connector {
  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public Map<String, TypeKind> metadata() {
    return KafkaMetadata.KEYS;
  }

  @Override
  public Source createSource(SourceContext context) {
    return new KafkaSource(context);
  }

  @Override
  public Sink createSink(SinkContext context) {
    KafkaTable table = KafkaTable.of(context.options());
    boolean exactlyOnce = context.options().choice("sink.commit_mode", Set.of("at_least_once", "exactly_once"))
        .orElse("at_least_once").equals("exactly_once");
    RecordRouter router = new RecordRouter(context, table);
    String id = "tributary-" + context.jobId() + "-" + context.operatorId() + "-" + context.subtaskIndex();
    if (exactlyOnce && context.checkpointed()) {
      return new ExactlyOnceKafkaSink(table, router, id, context.subtaskIndex(), context.parallelism());
    }
    return new AtLeastOnceKafkaSink(table, router, id);
  }
}
