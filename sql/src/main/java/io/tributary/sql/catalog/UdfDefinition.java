package io.tributary.sql.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A Java UDF queries may call: its signature (as the compiler service derived it from the
 * method) and the jar that implements it, which the program references so workers can load it.
 *
 * @param name what SQL calls it; matched case-insensitively
 * @param hash the SHA-256 of the UDF's source, the jar's identity
 * @param className the binary name of the class declaring {@code method}
 * @param async present for an async UDF (the method returns a future of {@code result})
 * @param aggregate present for an aggregate UDF ({@code className} implements
 *     {@code io.tributary.api.udf.AggregateUdf})
 */
public record UdfDefinition(String name, String artifactUrl, String hash, String className, String method,
        List<UdfType> arguments, UdfType result, Optional<Async> async, Optional<Aggregate> aggregate) {
    /**
     * An aggregate UDF.
     *
     * @param retracts whether it can take values out again, which an updating aggregate over
     *     changing input needs
     */
    public record Aggregate(boolean retracts) {}

    /** How an async UDF is called: in input order or not, calls outstanding at once, per-call timeout. */
    public record Async(boolean ordered, int maxInFlight, long timeoutMillis) {
        public Async {
            if (maxInFlight < 1 || timeoutMillis < 1) {
                throw new IllegalArgumentException("an async UDF needs at least one call in flight and a positive timeout");
            }
        }
    }

    /** The dialect's names of the types a UDF can take and return. */
    private static final Map<String, SqlTypeName> TYPES = Map.of(
            "BIGINT", SqlTypeName.BIGINT,
            "INT", SqlTypeName.INTEGER,
            "SMALLINT", SqlTypeName.SMALLINT,
            "TINYINT", SqlTypeName.TINYINT,
            "DOUBLE", SqlTypeName.DOUBLE,
            "REAL", SqlTypeName.REAL,
            "BOOLEAN", SqlTypeName.BOOLEAN,
            "TEXT", SqlTypeName.VARCHAR,
            "BYTEA", SqlTypeName.VARBINARY);

    /**
     * An argument's or the result's type.
     *
     * @param nullable false for a primitive Java type: a NULL argument then makes the result NULL
     *     without a call, and the result is NULL only when such an argument is
     */
    public record UdfType(SqlTypeName type, boolean nullable) {
        public UdfType {
            requireNonNull(type, "type is null");
            if (!TYPES.containsValue(type)) {
                throw new IllegalArgumentException("a UDF cannot take or return " + type);
            }
        }

        /** Parses a type name of the dialect (BIGINT, INT, TEXT, …) as the compiler service writes it. */
        public static UdfType of(String name, boolean nullable) {
            SqlTypeName type = Optional.ofNullable(TYPES.get(name.toUpperCase(Locale.ROOT))).orElseThrow(() ->
                    new IllegalArgumentException("'" + name + "' is not a type a UDF can take or return; expected one of "
                            + TYPES.keySet().stream().sorted().toList()));
            return new UdfType(type, nullable);
        }
    }

    public UdfDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(artifactUrl, "artifactUrl is null");
        requireNonNull(hash, "hash is null");
        requireNonNull(className, "className is null");
        requireNonNull(method, "method is null");
        arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
        requireNonNull(result, "result is null");
        requireNonNull(async, "async is null");
        requireNonNull(aggregate, "aggregate is null");
        if (aggregate.isPresent() && (async.isPresent() || arguments.size() != 1)) {
            throw new IllegalArgumentException("aggregate UDF '" + name + "' must take one argument and not be async");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("a UDF needs a name");
        }
    }

    /** A scalar or async UDF. */
    public UdfDefinition(String name, String artifactUrl, String hash, String className, String method,
            List<UdfType> arguments, UdfType result, Optional<Async> async) {
        this(name, artifactUrl, hash, className, method, arguments, result, async, Optional.empty());
    }

    /** A synchronous UDF. */
    public UdfDefinition(String name, String artifactUrl, String hash, String className, String method,
            List<UdfType> arguments, UdfType result) {
        this(name, artifactUrl, hash, className, method, arguments, result, Optional.empty());
    }
}
