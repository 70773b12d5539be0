package io.tributary.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The type of a connection table's field, by Arroyo's names. {@code struct} carries its members
 * in {@link SourceField#fields()}; {@code json} is JSON text (arrays land there too).
 */
public enum FieldType {
    @JsonProperty("int32") INT32("INT"),
    @JsonProperty("int64") INT64("BIGINT"),
    @JsonProperty("f32") F32("FLOAT"),
    @JsonProperty("f64") F64("DOUBLE"),
    @JsonProperty("bool") BOOL("BOOLEAN"),
    @JsonProperty("string") STRING("VARCHAR"),
    @JsonProperty("bytes") BYTES("VARBINARY"),
    @JsonProperty("timestamp") TIMESTAMP("TIMESTAMP"),
    @JsonProperty("json") JSON("VARCHAR"),
    @JsonProperty("struct") STRUCT("ROW");

    private final String sqlType;

    FieldType(String sqlType) {
        this.sqlType = sqlType;
    }

    /** The SQL type a column of this type is declared with ({@code ROW} still needs its members). */
    public String sqlType() {
        return sqlType;
    }
}
