package io.tributary.connectors.format;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.SinkContext;
import java.util.List;
import java.util.Set;

/**
 * The text format a sink writes, from its {@code format} option: {@code json} (the default; one
 * object per row, see {@link JsonWriter}) or {@code debezium_json} (one change envelope per row,
 * see {@link DebeziumJsonWriter}). An updating stream (with {@code _is_retract}) can only be
 * written as {@code debezium_json}: {@code json} has no way to say that a row was retracted.
 */
public enum SinkFormat {
  JSON,
  DEBEZIUM_JSON;

  public static final Set<String> NAMES = Set.of("json", "debezium_json");

  /**
   * The format of a sink, checked against its input.
   *
   * @throws ConnectorException for an unknown format, or an updating input in {@code json}
   */
  public static SinkFormat of(SinkContext context) {
    SinkFormat format = context.options().choice("format", NAMES)
        .map(name -> name.equals("debezium_json") ? DEBEZIUM_JSON : JSON)
        .orElse(JSON);
    if (format == JSON && ArrowTypes.isUpdating(context.inputSchema())) {
      throw new ConnectorException(
          "table " + context.tableName() + " receives an updating stream (rows are retracted as well as "
              + "added), which the json format cannot express; use format 'debezium_json'");
    }
    return format;
  }

  /** The rows of a batch, one line of text each. */
  public List<String> render(RecordBatch batch) {
    return this == DEBEZIUM_JSON ? DebeziumJsonWriter.render(batch) : JsonWriter.render(batch);
  }
}
