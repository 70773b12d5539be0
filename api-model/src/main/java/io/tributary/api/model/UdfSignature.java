package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What SQL sees of a compiled UDF, derived from its method by the compiler service: the name SQL
 * calls, the class and method that implement it, and its argument and result types.
 *
 * @param className the binary name of the class declaring {@code method}
 * @param async present for a method returning a {@code CompletableFuture} ({@code result} is then
 *     the future's value type)
 * @param aggregate present for a class implementing {@code io.tributary.api.udf.AggregateUdf}
 *     ({@code method} is then {@code add})
 */
public record UdfSignature(String name, String className, String method, List<UdfType> arguments, UdfType result,
        Optional<UdfAsync> async, Optional<UdfAggregate> aggregate) {
    public UdfSignature {
        requireNonNull(name, "name is null");
        requireNonNull(className, "className is null");
        requireNonNull(method, "method is null");
        arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
        requireNonNull(result, "result is null");
        async = async == null ? Optional.empty() : async;
        aggregate = aggregate == null ? Optional.empty() : aggregate;
        if (async.isPresent() && aggregate.isPresent()) {
            throw new IllegalArgumentException("UDF '" + name + "' cannot be both async and an aggregate");
        }
    }

    /** A scalar or async UDF. */
    public UdfSignature(String name, String className, String method, List<UdfType> arguments, UdfType result,
            Optional<UdfAsync> async) {
        this(name, className, method, arguments, result, async, Optional.empty());
    }

    /** A synchronous UDF. */
    public UdfSignature(String name, String className, String method, List<UdfType> arguments, UdfType result) {
        this(name, className, method, arguments, result, Optional.empty());
    }

    /**
     * What the planner must know of an aggregate UDF.
     *
     * @param retracts whether its class overrides {@code retract}, which an updating aggregate over
     *     retracting input needs
     */
    public record UdfAggregate(boolean retracts) {}

    /** How an async UDF is called, from its {@code @Udf} attributes. */
    public record UdfAsync(boolean ordered, int allowedInFlight, long timeoutMillis) {
        public UdfAsync {
            if (allowedInFlight < 1) {
                throw new IllegalArgumentException("allowedInFlight must be at least 1: " + allowedInFlight);
            }
            if (timeoutMillis < 1) {
                throw new IllegalArgumentException("timeoutMillis must be positive: " + timeoutMillis);
            }
        }
    }

    /**
     * A SQL type of an argument or the result.
     *
     * @param sqlType BIGINT, INT, SMALLINT, TINYINT, DOUBLE, REAL, BOOLEAN, TEXT or BYTEA
     * @param nullable whether the Java type can hold NULL (a boxed or reference type): a primitive
     *     argument makes a NULL operand's result NULL without calling the method; a primitive
     *     result is never NULL
     */
    public record UdfType(String sqlType, boolean nullable) {
        public UdfType {
            requireNonNull(sqlType, "sqlType is null");
        }
    }
}
