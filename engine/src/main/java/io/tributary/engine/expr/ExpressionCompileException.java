package io.tributary.engine.expr;

/** An expression the engine cannot turn into code: unknown function, unsupported type or cast. */
public final class ExpressionCompileException extends ExpressionException {
  public ExpressionCompileException(String message) {
    super(message, null);
  }

  public ExpressionCompileException(String message, Throwable cause) {
    super(message, cause);
  }
}
