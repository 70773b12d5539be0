package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What SQL sees of a compiled UDF, derived from its method by the compiler service: the name SQL
 * calls, the class and method that implement it, and its argument and result types.
 *
 * @param className the binary name of the class declaring {@code method}
 */
public record UdfSignature(String name, String className, String method, List<UdfType> arguments, UdfType result) {
    public UdfSignature {
        requireNonNull(name, "name is null");
        requireNonNull(className, "className is null");
        requireNonNull(method, "method is null");
        arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
        requireNonNull(result, "result is null");
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
