package io.tributary.engine.operator.async;

import io.tributary.engine.udf.UdfLibrary;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Builds the async UDF operator a program describes, over the job's loaded UDFs. */
public final class AsyncUdfOperators {
  private AsyncUdfOperators() {}

  /**
   * @throws IllegalArgumentException if the program's UDF is not among {@code udfs} or does not
   *     return a {@code CompletableFuture}
   */
  public static AsyncUdfOperator create(io.tributary.proto.program.AsyncUdfOperator spec, UdfLibrary udfs) {
    Method method = udfs.function(spec.getUdf()).map(UdfLibrary.Function::method).orElseThrow(() ->
        new IllegalArgumentException("the program calls async UDF '" + spec.getUdf() + "' but does not define it"));
    if (!CompletableFuture.class.isAssignableFrom(method.getReturnType())) {
      throw new IllegalArgumentException("UDF '" + spec.getUdf() + "' is called as an async UDF but " + method
          + " does not return a CompletableFuture");
    }
    if (method.getParameterCount() != spec.getArgumentFieldsCount()) {
      throw new IllegalArgumentException("async UDF '" + spec.getUdf() + "' takes " + method.getParameterCount()
          + " arguments, not " + spec.getArgumentFieldsCount());
    }
    return new AsyncUdfOperator(spec.getUdf(), function(method), spec.getArgumentFieldsList(),
        new AsyncOptions(spec.getOrdered(), spec.getMaxInFlight(), Duration.ofNanos(spec.getTimeoutMicros() * 1_000)),
        CompletionWait.BLOCKING);
  }

  /**
   * The method as a function of an argument array, through a method handle (no reflection per
   * call). A NULL for a primitive parameter answers NULL without a call, as synchronous UDFs do.
   */
  private static Function<Object[], CompletableFuture<?>> function(Method method) {
    MethodHandle handle;
    try {
      handle = MethodHandles.publicLookup().unreflect(method)
          .asSpreader(Object[].class, method.getParameterCount())
          .asType(MethodType.methodType(Object.class, Object[].class));
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException("cannot call UDF method " + method + ": " + e.getMessage(), e);
    }
    Class<?>[] parameters = method.getParameterTypes();
    return arguments -> {
      for (int i = 0; i < parameters.length; i++) {
        if (arguments[i] == null && parameters[i].isPrimitive()) {
          return CompletableFuture.completedFuture(null);
        }
      }
      try {
        return (CompletableFuture<?>) (Object) handle.invokeExact(arguments);
      } catch (Throwable e) {
        return CompletableFuture.failedFuture(e);
      }
    };
  }
}
