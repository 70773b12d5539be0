package io.tributary.engine.expr;

/** An expression failed on a row's values: division by zero, overflow, an invalid cast. */
public final class ExpressionEvaluationException extends ExpressionException {
  public ExpressionEvaluationException(String message) {
    super(message, null);
  }

  public ExpressionEvaluationException(String message, Throwable cause) {
    super(message, cause);
  }
}
