package io.tributary.sql.explain;

import io.tributary.proto.program.Edge;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.JoinOperator;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.ProjectionOperator;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.SortField;
import io.tributary.proto.program.AggregateCall;
import io.tributary.proto.program.WatermarkOperator;
import io.tributary.proto.program.Window;
import io.tributary.proto.program.WindowAggregateOperator;
import io.tributary.proto.program.UpdatingAggregateOperator;
import io.tributary.sql.plan.SchemaConverter;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A human-readable account of a program: each node with its operators (kind, id, what it
 * does), the schema it emits and its key columns, then the edges. Used by
 * {@code tributary validate}, the UI's plan view and tests.
 */
public final class ProgramExplainer {
    private ProgramExplainer() {}

    public static String explain(LogicalProgram program) {
        StringBuilder text = new StringBuilder();
        text.append("program: ").append(program.getNodesCount()).append(" nodes, ")
                .append(program.getEdgesCount()).append(" edges");
        if (program.getConfig().getUpdatingTtlMicros() > 0) {
            text.append(", updating_ttl ").append(program.getConfig().getUpdatingTtlMicros()).append("us");
        }
        text.append('\n');
        Map<Integer, Schema> inputs = new HashMap<>();
        for (Edge edge : program.getEdgesList()) {
            inputs.putIfAbsent(edge.getTargetNode(), edge.getSchema());
        }
        for (Node node : program.getNodesList()) {
            text.append("node ").append(node.getNodeId()).append(": ").append(node.getDescription())
                    .append(" [parallelism ").append(node.getParallelism()).append("]\n");
            Schema input = inputs.getOrDefault(node.getNodeId(), Schema.getDefaultInstance());
            for (Operator operator : node.getOperatorsList()) {
                text.append("  ").append(operator.getName()).append(' ').append(operator.getOperatorId()).append('\n');
                details(operator, input.getFieldsList(), text);
                state(operator).ifPresent(state -> text.append("    state: ").append(state).append('\n'));
                text.append("    emits (").append(fields(operator.getOutputSchema())).append(")\n");
                input = operator.getOutputSchema();
            }
        }
        if (program.getEdgesCount() > 0) {
            text.append("edges:\n");
        }
        for (Edge edge : program.getEdgesList()) {
            text.append("  ").append(edge.getSourceNode()).append(" -> ").append(edge.getTargetNode())
                    .append(' ').append(edge.getType().name());
            if (edge.getKeyFieldsCount() > 0) {
                text.append(" keys (").append(edge.getKeyFieldsList().stream()
                        .map(index -> ExprFormatter.name(edge.getSchema().getFields(index).getName()))
                        .collect(Collectors.joining(", "))).append(')');
            }
            if (SchemaConverter.isUpdating(edge.getSchema())) {
                text.append(" updating");
            }
            text.append(" (").append(fields(edge.getSchema())).append(")\n");
        }
        return text.toString();
    }

    /** The dotted name of the field at {@code path} (a column's index, then child indexes) among {@code fields}. */
    private static String fieldName(List<Field> fields, List<Integer> path) {
        StringBuilder name = new StringBuilder();
        List<Field> level = fields;
        for (int index : path) {
            Field field = level.get(index);
            name.append(name.isEmpty() ? "" : ".").append(field.getName());
            level = field.getType().getChildrenList();
        }
        return name.toString();
    }

    private static void details(Operator operator, List<Field> input, StringBuilder text) {
        switch (operator.getConfigCase()) {
            case SOURCE -> {
                var source = operator.getSource();
                text.append("    table ").append(source.getTableName()).append(" via ").append(source.getConnector());
                options(source.getOptionsMap(), text);
                text.append('\n');
                text.append("    event time: ").append(source.hasEventTimeField()
                        ? operator.getOutputSchema().getFields(source.getEventTimeField()).getName()
                        : "processing time").append('\n');
                new java.util.TreeMap<>(source.getMetadataFieldsMap()).forEach((field, key) ->
                        text.append("    metadata: ").append(operator.getOutputSchema().getFields(field).getName())
                                .append(" from '").append(key).append("'\n"));
                if (source.getUnreadFieldsCount() > 0) {
                    text.append("    unread: ").append(source.getUnreadFieldsList().stream()
                            .map(path -> fieldName(operator.getOutputSchema().getFieldsList(), path.getIndexesList()))
                            .collect(java.util.stream.Collectors.joining(", "))).append('\n');
                }
            }
            case SINK -> {
                var sink = operator.getSink();
                text.append("    table ").append(sink.getTableName()).append(" via ").append(sink.getConnector());
                options(sink.getOptionsMap(), text);
                text.append('\n');
            }
            case PROJECTION -> {
                ProjectionOperator projection = operator.getProjection();
                if (projection.hasCondition()) {
                    text.append("    where ").append(ExprFormatter.format(projection.getCondition(), input)).append('\n');
                }
                for (int i = 0; i < projection.getProjectionsCount(); i++) {
                    text.append("    ").append(ExprFormatter.name(operator.getOutputSchema().getFields(i).getName()))
                            .append(" = ").append(ExprFormatter.format(projection.getProjections(i), input)).append('\n');
                }
                if (projection.hasTimestamp()) {
                    text.append("    _timestamp = ").append(ExprFormatter.format(projection.getTimestamp(), input))
                            .append('\n');
                }
            }
            case WATERMARK -> {
                WatermarkOperator watermark = operator.getWatermark();
                text.append("    watermark ").append(watermark.hasExpression()
                        ? ExprFormatter.format(watermark.getExpression(), input)
                        : "_timestamp")
                        .append(" every ").append(watermark.getPeriodMicros()).append("us");
                if (watermark.hasIdleTimeMicros()) {
                    text.append(", idle after ").append(watermark.getIdleTimeMicros()).append("us");
                }
                text.append('\n');
            }
            case WINDOW_AGGREGATE -> {
                WindowAggregateOperator aggregate = operator.getWindowAggregate();
                text.append("    window ").append(window(aggregate.getWindow())).append('\n');
                text.append("    keys (").append(aggregate.getKeyFieldsList().stream()
                        .map(index -> index < input.size() ? ExprFormatter.name(input.get(index).getName()) : "$" + index)
                        .collect(Collectors.joining(", "))).append(")\n");
                List<Field> output = operator.getOutputSchema().getFieldsList();
                int first = aggregate.getKeyFieldsCount() + 2;
                for (int i = 0; i < aggregate.getAggregatesCount(); i++) {
                    String name = first + i < output.size() ? ExprFormatter.name(output.get(first + i).getName()) : "$" + i;
                    text.append("    ").append(name).append(" = ")
                            .append(aggregate(aggregate.getAggregates(i), input)).append('\n');
                }
            }
            case UPDATING_AGGREGATE -> {
                UpdatingAggregateOperator aggregate = operator.getUpdatingAggregate();
                text.append("    updating (emits retractions), ttl ").append(duration(aggregate.getTtlMicros()))
                        .append(", flush every ").append(duration(aggregate.getFlushIntervalMicros())).append('\n');
                text.append("    keys (").append(aggregate.getKeyFieldsList().stream()
                        .map(index -> index < input.size() ? ExprFormatter.name(input.get(index).getName()) : "$" + index)
                        .collect(Collectors.joining(", "))).append(")\n");
                List<Field> output = operator.getOutputSchema().getFieldsList();
                int first = aggregate.getKeyFieldsCount();
                for (int i = 0; i < aggregate.getAggregatesCount(); i++) {
                    String name = first + i < output.size() ? ExprFormatter.name(output.get(first + i).getName()) : "$" + i;
                    text.append("    ").append(name).append(" = ")
                            .append(aggregate(aggregate.getAggregates(i), input)).append('\n');
                }
            }
            case JOIN -> {
                JoinOperator join = operator.getJoin();
                text.append("    ").append(join.getJoinType().name().toLowerCase(java.util.Locale.ROOT)).append(" join on ")
                        .append(join.getLeftKeyFieldsCount()).append(" key").append(join.getLeftKeyFieldsCount() == 1 ? "" : "s");
                if (join.hasCondition()) {
                    text.append(" where ").append(ExprFormatter.format(join.getCondition(), operator.getOutputSchema().getFieldsList()));
                }
                text.append('\n');
            }
            case UNNEST -> {
                var unnest = operator.getUnnest();
                text.append("    one row per element of ").append(ExprFormatter.name(input.get(unnest.getListField()).getName()));
                if (unnest.getZippedListFieldsCount() == 0) {
                    text.append(" (none for NULL or empty lists)\n");
                } else {
                    for (int list : unnest.getZippedListFieldsList()) {
                        text.append(", ").append(ExprFormatter.name(input.get(list).getName()));
                    }
                    text.append(" zipped: as many as the longest has, the others padded with NULL\n");
                }
            }
            case TOP_N -> {
                var topN = operator.getTopN();
                text.append("    first ").append(topN.getLimit()).append(" per window");
                List<Integer> keys = topN.getKeyFieldsList().subList(0, Math.max(0, topN.getKeyFieldsCount() - 1));
                if (!keys.isEmpty()) {
                    text.append(" and (").append(keys.stream().map(index -> ExprFormatter.name(input.get(index).getName()))
                            .collect(Collectors.joining(", "))).append(')');
                }
                text.append(" by ").append(order(topN.getOrderList(), input))
                        .append(topN.getRowNumber() ? ", numbered" : "").append('\n');
            }
            case LOOKUP_JOIN -> {
                var lookup = operator.getLookupJoin();
                text.append("    ").append(lookup.getJoinType().name().toLowerCase(java.util.Locale.ROOT))
                        .append(" lookup join of ").append(ExprFormatter.name(lookup.getTableName()))
                        .append(" (connector ").append(lookup.getConnector()).append(") on ")
                        .append(ExprFormatter.name(lookup.getTableSchema().getFields(lookup.getKeyField()).getName()))
                        .append(" = ").append(ExprFormatter.format(lookup.getKey(), input)).append('\n');
                text.append("    cache ").append(lookup.getCacheMaxBytes() == 0 ? "off"
                        : lookup.getCacheMaxBytes() + " bytes, entries kept " + (lookup.getCacheTtlMicros() == 0
                                ? "until evicted" : "for " + duration(lookup.getCacheTtlMicros()))).append('\n');
            }
            case ASYNC_UDF -> {
                var async = operator.getAsyncUdf();
                text.append("    calls ").append(async.getUdf()).append('(')
                        .append(async.getArgumentFieldsList().stream().map(index -> ExprFormatter.name(input.get(index).getName()))
                                .collect(Collectors.joining(", ")))
                        .append("), ").append(async.getOrdered() ? "ordered" : "unordered").append(", at most ")
                        .append(async.getMaxInFlight()).append(" in flight, timeout ")
                        .append(duration(async.getTimeoutMicros())).append('\n');
            }
            case CONFIG_NOT_SET -> text.append("    (no configuration)\n");
        }
    }

    /** Sort fields as SQL: {@code bids DESC NULLS FIRST, auction}. */
    public static String order(List<SortField> order, List<Field> input) {
        return order.stream().map(field -> ExprFormatter.name(input.get(field.getField()).getName())
                        + (field.getDescending() ? " DESC" : "")
                        + (field.getNullsFirst() == field.getDescending() ? "" : field.getNullsFirst() ? " NULLS FIRST" : " NULLS LAST"))
                .collect(Collectors.joining(", "));
    }

    /** What the operator keeps between batches, and until when; empty for stateless operators. */
    private static Optional<String> state(Operator operator) {
        return switch (operator.getConfigCase()) {
            case WINDOW_AGGREGATE -> Optional.of("accumulators per key and window, dropped when the watermark passes"
                    + " the window's end");
            case UPDATING_AGGREGATE -> Optional.of("accumulators and last emitted row per key, forgotten "
                    + duration(operator.getUpdatingAggregate().getTtlMicros()) + " after the key's last change");
            case JOIN -> Optional.of(operator.getJoin().hasWindow()
                    ? "rows of both inputs per key and window, dropped when the watermark passes the window's end"
                    : "rows of both inputs per key, kept " + (operator.getJoin().getTtlMicros() == 0
                            ? "forever"
                            : "for " + duration(operator.getJoin().getTtlMicros())));
            case TOP_N -> Optional.of("the first " + operator.getTopN().getLimit() + " rows per key and window, dropped"
                    + " when the watermark passes the window's end");
            // A lookup join's cache is not state, and async calls are awaited at every checkpoint barrier:
            // neither is part of a checkpoint.
            case SOURCE, SINK, PROJECTION, WATERMARK, UNNEST, LOOKUP_JOIN, ASYNC_UDF, CONFIG_NOT_SET -> Optional.empty();
        };
    }

    /** A window as text: {@code tumbling 1 minute}, {@code sliding 1 minute every 10 seconds}, {@code session gap 30 seconds}. */
    public static String window(Window window) {
        return switch (window.getKindCase()) {
            case TUMBLING -> "tumbling " + duration(window.getTumbling().getWidthMicros());
            case SLIDING -> "sliding " + duration(window.getSliding().getWidthMicros())
                    + " every " + duration(window.getSliding().getSlideMicros());
            case SESSION -> "session gap " + duration(window.getSession().getGapMicros());
            case CUMULATING -> "cumulating " + duration(window.getCumulating().getSizeMicros())
                    + " every " + duration(window.getCumulating().getStepMicros());
            case KIND_NOT_SET -> "(no window)";
        };
    }

    /** The keys and aggregates of a window aggregate on one line, for node descriptions. */
    public static String keysAndAggregates(WindowAggregateOperator operator, List<Field> input, Schema output) {
        // The output holds the keys, window_start and window_end, then the aggregates.
        return keysAndAggregates(operator.getKeyFieldsList(), operator.getAggregatesList(), input, output,
                operator.getKeyFieldsCount() + 2);
    }

    /** The keys and aggregates of an updating aggregate on one line, for node descriptions. */
    public static String keysAndAggregates(UpdatingAggregateOperator operator, List<Field> input, Schema output) {
        // The output holds the keys, then the aggregates.
        return keysAndAggregates(operator.getKeyFieldsList(), operator.getAggregatesList(), input, output,
                operator.getKeyFieldsCount());
    }

    private static String keysAndAggregates(List<Integer> keys, List<AggregateCall> calls, List<Field> input,
            Schema output, int firstAggregate) {
        StringBuilder text = new StringBuilder();
        if (!keys.isEmpty()) {
            text.append(" by ").append(keys.stream()
                    .map(index -> ExprFormatter.name(input.get(index).getName()))
                    .collect(Collectors.joining(", ")));
        }
        List<String> aggregates = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            aggregates.add(aggregate(calls.get(i), input) + " AS "
                    + ExprFormatter.name(output.getFields(firstAggregate + i).getName()));
        }
        if (!aggregates.isEmpty()) {
            text.append(": ").append(String.join(", ", aggregates));
        }
        return text.toString();
    }

    private static String aggregate(AggregateCall call, List<Field> input) {
        String arguments = call.getArgumentsCount() == 0
                ? "*"
                : call.getArgumentsList().stream()
                        .map(index -> index < input.size() ? ExprFormatter.name(input.get(index).getName()) : "$" + index)
                        .collect(Collectors.joining(", "));
        return call.getFunction().toLowerCase(java.util.Locale.ROOT) + "(" + (call.getDistinct() ? "DISTINCT " : "")
                + arguments + ")";
    }

    /** A duration as text, in its largest exact unit: {@code 1 minute}, {@code 90 seconds}. */
    public static String duration(long micros) {
        long[] sizes = {86_400_000_000L, 3_600_000_000L, 60_000_000L, 1_000_000L, 1000L, 1L};
        String[] units = {"day", "hour", "minute", "second", "millisecond", "microsecond"};
        for (int i = 0; i < sizes.length; i++) {
            if (micros % sizes[i] == 0) {
                long count = micros / sizes[i];
                return count + " " + units[i] + (count == 1 ? "" : "s");
            }
        }
        return micros + " microseconds";
    }

    private static void options(Map<String, String> options, StringBuilder text) {
        if (!options.isEmpty()) {
            text.append(' ').append(options.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(entry -> entry.getKey() + "='" + entry.getValue() + "'")
                    .collect(Collectors.joining(", ", "{", "}")));
        }
    }

    private static String fields(Schema schema) {
        return schema.getFieldsList().stream().map(TypeNames::field).collect(Collectors.joining(", "));
    }
}
