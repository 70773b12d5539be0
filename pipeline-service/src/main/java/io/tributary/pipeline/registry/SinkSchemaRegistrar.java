package io.tributary.pipeline.registry;

import io.tributary.connectors.kafka.SchemaRegistration;
import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.connector.ConnectorException;
import io.tributary.engine.connector.ConnectorOptions;
import io.tributary.pipeline.api.ApiException;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.SinkOperator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Registers the schemas of a new pipeline's Kafka sinks with their schema registries (Avro, or
 * JSON with {@code json.confluent_schema_registry}, and {@code schema_registry.endpoint} set), as
 * the planner derived them from each sink's columns, under {@code <topic>-value}. A registry that
 * refuses or cannot be reached makes the creation a 400 naming the table and the endpoint, so that
 * a pipeline is never created whose sink would fail at its first row.
 */
@Component
public class SinkSchemaRegistrar {
    /** Registers every sink's schema; a sink written by several nodes is registered once. */
    public void register(LogicalProgram program) {
        Map<String, Operator> sinks = new LinkedHashMap<>();
        for (Node node : program.getNodesList()) {
            for (Operator operator : node.getOperatorsList()) {
                if (operator.hasSink() && operator.getSink().getConnector().equalsIgnoreCase("kafka")) {
                    sinks.putIfAbsent(operator.getSink().getTableName(), operator);
                }
            }
        }
        sinks.values().forEach(SinkSchemaRegistrar::register);
    }

    private static void register(Operator operator) {
        SinkOperator sink = operator.getSink();
        try {
            SchemaRegistration.forSink(new ConnectorOptions(sink.getTableName(), sink.getOptionsMap()),
                    ArrowTypes.toArrow(operator.getOutputSchema())).ifPresent(SchemaRegistration::register);
        } catch (ConnectorException e) {
            throw ApiException.badRequest("sink table " + sink.getTableName() + ": " + e.getMessage());
        }
    }
}
