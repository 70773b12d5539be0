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

    public List<String> columnNames() {
        return columns().stream().map(Field::getName).toList();
    }
}
