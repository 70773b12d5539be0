package io.tributary.engine.expr;

/** A scalar expression that cannot be compiled or failed while being evaluated. */
public abstract sealed class ExpressionException extends RuntimeException
    permits ExpressionCompileException, ExpressionEvaluationException {
  ExpressionException(String message, Throwable cause) {
    super(message, cause);
  }
}
