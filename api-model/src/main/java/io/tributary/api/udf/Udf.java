package io.tributary.api.udf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the public static method of a UDF's class that SQL calls, under the method's name. A UDF
 * source declares exactly one. Maven dependencies go in a comment before the class, one a line:
 * {@code // dependency: group:artifact:version}.
 *
 * <p>A method returning {@code java.util.concurrent.CompletableFuture<T>} is an async UDF (for
 * calls to other systems): it must be a top-level item of a SELECT, and the attributes below say
 * how it is called. They mean nothing to a synchronous UDF.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Udf {
    /** Async only: results leave in input order; otherwise as calls complete. */
    boolean ordered() default false;

    /** Async only: calls outstanding at once per parallel subtask. */
    int allowedInFlight() default 100;

    /** Async only: how long one call may take before the pipeline fails. */
    long timeoutMillis() default 5_000;
}
