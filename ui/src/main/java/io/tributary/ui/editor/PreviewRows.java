package io.tributary.ui.editor;

import static java.util.Objects.requireNonNull;

import io.tributary.api.client.ApiJson;
import io.tributary.api.model.OutputData;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Rows that reached a preview sink, in arrival order, with the columns seen so far (in the
 * order they first appeared). Only the newest {@code limit} rows are kept.
 */
final class PreviewRows {
    /** One row; {@code seq} tells equal rows apart. */
    record Row(long seq, Map<String, String> values) {
        Row {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        String get(String column) {
            return values.getOrDefault(column, "");
        }
    }

    private final int limit;
    private final SequencedSet<String> columns = new LinkedHashSet<>();
    private final Deque<Row> rows = new ArrayDeque<>();
    private long received;

    PreviewRows(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        this.limit = limit;
    }

    /**
     * Adds a batch and answers the columns it introduced.
     *
     * @throws IllegalArgumentException when the batch is not a JSON array of objects
     */
    List<String> add(OutputData data) {
        requireNonNull(data, "data is null");
        JsonNode batch;
        try {
            batch = ApiJson.mapper().readTree(data.batch());
        } catch (JacksonException e) {
            throw new IllegalArgumentException("preview batch of operator " + data.operatorId() + " is not JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (!batch.isArray()) {
            throw new IllegalArgumentException("preview batch of operator " + data.operatorId() + " is not a JSON array");
        }
        List<String> added = new ArrayList<>();
        for (JsonNode row : batch.values()) {
            Map<String, String> values = new LinkedHashMap<>();
            if (row.isObject()) {
                for (Map.Entry<String, JsonNode> field : row.properties()) {
                    values.put(field.getKey(), render(field.getValue()));
                }
            } else {
                values.put("value", render(row));
            }
            for (String column : values.keySet()) {
                if (columns.add(column)) {
                    added.add(column);
                }
            }
            rows.addLast(new Row(received++, values));
            if (rows.size() > limit) {
                rows.removeFirst();
            }
        }
        return added;
    }

    List<String> columns() {
        return List.copyOf(columns);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Rows received in all, including those dropped over the limit. */
    long received() {
        return received;
    }

    private static String render(JsonNode value) {
        if (value.isNull()) {
            return "NULL";
        }
        return value.isString() ? value.asString() : value.toString();
    }
}
