package io.tributary.pipeline.connectors;

import io.tributary.api.client.ApiJson;
import io.tributary.sql.catalog.ConnectorRole;
import io.tributary.sql.catalog.ConnectorSpec;
import io.tributary.sql.catalog.Connectors;
import io.tributary.sql.catalog.OptionSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema (draft 2020-12) of a connector's table options, generated from the option specs
 * the planner checks a {@code CREATE TABLE} against ({@link Connectors}): its own options and the
 * {@link Connectors#COMMON_OPTIONS common ones}, with {@code required} and {@code enum} where the
 * spec says so. Option values are SQL strings ({@code event_rate = '10'}), so numeric kinds are
 * strings with a pattern. Format options under {@link Connectors#PASS_THROUGH_PREFIXES} are
 * allowed unchecked, as the planner allows them. The option {@code connector} itself, which
 * picks the connector, is not part of the schema.
 *
 * <p>Only the descriptions are hand-written ({@link #DESCRIPTIONS}); option specs carry none yet.
 */
final class TableConfigSchemas {
    /** Words for options, by {@code connector.option}, or by {@code option} for the common ones. */
    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("type", "whether the table is read ('source') or written ('sink')"),
            Map.entry("event_time_field", "the TIMESTAMP column that carries each row's event time"),
            Map.entry("watermark_field", "the TIMESTAMP column that carries the watermark"),
            Map.entry("idle_micros", "after how long without rows a source subtask counts as idle"),
            Map.entry("bad_data", "what to do with input that does not parse: 'fail' (the default) or 'drop'"),
            Map.entry("framing", "how records are delimited in the input"),
            Map.entry("impulse.event_rate", "rows per second per subtask"),
            Map.entry("impulse.message_count", "rows per subtask; absent: unbounded"),
            Map.entry("nexmark.event_rate", "events per second for the whole source, split over its subtasks"),
            Map.entry("nexmark.runtime", "seconds of events to generate; absent: unbounded"),
            Map.entry("single_file.path", "the local file of JSON lines to read, or to write (replaced)"),
            Map.entry("single_file.format", "json; a sink may also write debezium_json change envelopes"),
            Map.entry("stdout.format", "json lines (the default), or debezium_json change envelopes"));

    private TableConfigSchemas() {}

    static String schema(ConnectorSpec connector) {
        ObjectNode schema = ApiJson.mapper().createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("title", connector.name());
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        List<String> required = new ArrayList<>();
        List<OptionSpec> options = new ArrayList<>(Connectors.COMMON_OPTIONS);
        options.removeIf(common -> connector.option(common.name()).isPresent());
        options.addAll(connector.options());
        for (OptionSpec option : options) {
            ObjectNode property = properties.putObject(option.name());
            property.put("type", "string");
            if (!option.allowedValues().isEmpty()) {
                ArrayNode values = property.putArray("enum");
                option.allowedValues().stream().sorted().forEach(values::add);
            } else {
                pattern(option.kind()).ifPresent(pattern -> property.put("pattern", pattern));
            }
            if (option.name().equals("type")) {
                // The roles this connector plays, not every role some connector plays.
                ArrayNode roles = property.putArray("enum").removeAll();
                Arrays.stream(ConnectorRole.values()).filter(role -> plays(connector, role)).map(ConnectorRole::word)
                        .sorted().forEach(roles::add);
            }
            Optional.ofNullable(DESCRIPTIONS.getOrDefault(connector.name() + "." + option.name(),
                    DESCRIPTIONS.get(option.name()))).ifPresent(words -> property.put("description", words));
            if (option.required()) {
                required.add(option.name());
            }
        }
        if (!required.isEmpty()) {
            ArrayNode names = schema.putArray("required");
            required.forEach(names::add);
        }
        ObjectNode passThrough = schema.putObject("patternProperties");
        Connectors.PASS_THROUGH_PREFIXES.stream().sorted().forEach(prefix ->
                passThrough.putObject("^" + prefix.replace(".", "\\.")).put("type", "string"));
        schema.put("additionalProperties", false);
        return ApiJson.mapper().writeValueAsString(schema);
    }

    static boolean plays(ConnectorSpec connector, ConnectorRole role) {
        return switch (connector.roleRule()) {
            case ConnectorSpec.RoleRule.Fixed fixed -> fixed.role() == role;
            case ConnectorSpec.RoleRule.ByTypeOption byType -> byType.allowed().contains(role);
        };
    }

    private static Optional<String> pattern(OptionSpec.OptionKind kind) {
        return switch (kind) {
            case POSITIVE_NUMBER -> Optional.of("^[0-9]*\\.?[0-9]+$");
            case NON_NEGATIVE_INTEGER -> Optional.of("^[0-9]+$");
            case DURATION_MICROS -> Optional.of("^[0-9]+$");
            case COLUMN_NAME -> Optional.of("^\\S+$");
            case TEXT -> Optional.empty();
        };
    }
}
