package io.tributary.pipeline.connectors;

import io.tributary.api.model.Connector;
import io.tributary.api.model.ConnectorCollection;
import io.tributary.sql.catalog.ConnectorRole;
import io.tributary.sql.catalog.ConnectorSpec;
import io.tributary.sql.catalog.Connectors;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The connectors Tributary has, as {@code GET /api/v1/connectors} lists them: every connector the
 * planner knows ({@link Connectors}), with its roles and the JSON Schema of its table options
 * generated from the planner's option specs ({@link TableConfigSchemas}). Display names and
 * descriptions are hand-written here.
 */
@Component
public class ConnectorCatalog {
    private record Words(String name, String description) {}

    private static final Map<String, Words> WORDS = Map.of(
            "impulse", new Words("Impulse", "A generated stream of rows (counter, subtask_index, timestamp) at a "
                    + "chosen rate, optionally for a chosen count; for tests and demos."),
            "kafka", new Words("Kafka", "A Kafka topic, read from all partitions with its offsets in the "
                    + "checkpoints, or written at least once or exactly once (transactions); json, avro, raw_string or "
                    + "debezium_json, with an optional Confluent schema registry."),
            "nexmark", new Words("Nexmark", "The Nexmark benchmark's stream of persons, auctions and bids."),
            "single_file", new Words("Single File", "One local file of JSON lines, read to its end as a source or "
                    + "written in full as a sink."),
            "stdout", new Words("StdOut", "Writes each row as a JSON line on the worker's standard output."),
            "blackhole", new Words("Blackhole", "Accepts rows and drops them; for benchmarks and tests."),
            "redis", new Words("Redis", "A lookup table over Redis string keys holding JSON values, joined to a "
                    + "stream by key (CREATE TEMPORARY TABLE ... WITH (connector = 'redis'))."),
            "preview", new Words("Preview", "The sink a preview pipeline writes to instead of its real sinks; its "
                    + "rows stream to the job's output endpoint."));

    private final ConnectorCollection connectors = new ConnectorCollection(
            Connectors.all().stream().map(ConnectorCatalog::describe).toList());

    public ConnectorCollection connectors() {
        return connectors;
    }

    private static Connector describe(ConnectorSpec spec) {
        Words words = WORDS.getOrDefault(spec.name(), new Words(spec.name(), ""));
        return new Connector(spec.name(), words.name(), "", words.description(), TableConfigSchemas.schema(spec), true,
                TableConfigSchemas.plays(spec, ConnectorRole.SOURCE), TableConfigSchemas.plays(spec, ConnectorRole.SINK),
                !spec.hasFixedSchema(), false, spec.name().equals("preview"), Optional.empty());
    }
}
