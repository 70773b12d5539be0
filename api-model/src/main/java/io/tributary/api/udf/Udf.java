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
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Udf {}
