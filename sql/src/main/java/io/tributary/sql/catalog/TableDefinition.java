package io.tributary.sql.catalog;

import static java.util.Objects.requireNonNull;

import io.tributary.sql.parser.SqlWatermarkDeclaration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A table created by CREATE TABLE, checked against its connector.
 *
 * @param columns empty when {@code schemaFromInsert}: a sink that takes the schema of what is
 *     inserted into it
 * @param options exactly as written in the WITH clause, in order, without {@code connector}
 * @param eventTimeColumn index of the column that becomes {@code _timestamp}; empty means
 *     processing time (or the connector's own time)
 * @param watermark the WATERMARK clause, if any, planned after the source
 * @param position the CREATE TABLE statement, for diagnostics about the table
 */
public record TableDefinition(
        String name,
        String connector,
        ConnectorRole role,
        List<ColumnDefinition> columns,
        boolean schemaFromInsert,
        Map<String, String> options,
        Optional<Integer> eventTimeColumn,
        Optional<SqlWatermarkDeclaration> watermark,
        Optional<String> watermarkField,
        List<String> primaryKey,
        SqlParserPos position) {
    public TableDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(connector, "connector is null");
        requireNonNull(role, "role is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        options = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(options, "options is null")));
        requireNonNull(eventTimeColumn, "eventTimeColumn is null");
        requireNonNull(watermark, "watermark is null");
        requireNonNull(watermarkField, "watermarkField is null");
        primaryKey = List.copyOf(requireNonNull(primaryKey, "primaryKey is null"));
        requireNonNull(position, "position is null");
        if (schemaFromInsert && (role != ConnectorRole.SINK || !columns.isEmpty())) {
            throw new IllegalArgumentException("only a sink without columns takes its schema from its INSERT");
        }
        int columnCount = columns.size();
        if (eventTimeColumn.filter(index -> index < 0 || index >= columnCount).isPresent()) {
            throw new IllegalArgumentException("event time column " + eventTimeColumn.get() + " out of range");
        }
    }

    public boolean isSource() {
        return role == ConnectorRole.SOURCE;
    }

    /** Whether the table is a source of changes (format 'debezium_json'): it reads an updating stream. */
    public boolean readsChanges() {
        return isSource() && "debezium_json".equalsIgnoreCase(options.get("format"));
    }

    /** One-line description for messages: {@code 'input' (connector 'single_file', source)}. */
    public String describe() {
        return "'" + name + "' (connector '" + connector + "', " + role.word() + ")";
    }
}
