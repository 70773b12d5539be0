package io.tributary.sql.plan;

import static java.util.Objects.requireNonNull;

import io.tributary.proto.program.Field;
import io.tributary.proto.program.Schema;
import java.util.List;

/** The output of a planned node: where it is and the schema of its rows (`_timestamp` last). */
public record Stream(int nodeId, String operatorId, Schema schema) {
    public Stream {
        requireNonNull(operatorId, "operatorId is null");
        requireNonNull(schema, "schema is null");
    }

    /** The columns other than the trailing {@code _timestamp}. */
    public List<Field> columns() {
        return schema.getFieldsList().subList(0, schema.getFieldsCount() - 1);
    }

    /** Whether the stream is updating: {@code _is_retract} precedes {@code _timestamp} (see program.proto). */
    public boolean updating() {
        return SchemaConverter.isUpdating(schema);
    }

    /** The columns of the rows themselves: without {@code _timestamp}, nor {@code _is_retract} when updating. */
    public List<Field> dataColumns() {
        return schema.getFieldsList().subList(0, schema.getFieldsCount() - (updating() ? 2 : 1));
    }

    /** Index of {@code _is_retract} in the schema; only for updating streams. */
    public int retractIndex() {
        return schema.getFieldsCount() - 2;
    }

    public List<String> columnNames() {
        return columns().stream().map(Field::getName).toList();
    }
}
