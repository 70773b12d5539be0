package io.tributary.engine.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests an {@link S3Proxy} parameter. One server serves the whole test run (it takes a JVM
 * start); tests keep apart by using buckets of their own. JUnit closes it at the end of the run.
 */
public final class S3ProxyExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(S3ProxyExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == S3Proxy.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).computeIfAbsent(S3Proxy.class, type -> {
      try {
        return S3Proxy.start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start S3Proxy", e);
      }
    }, S3Proxy.class);
  }
}
