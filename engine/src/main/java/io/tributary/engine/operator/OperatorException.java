package io.tributary.engine.operator;

import static java.util.Objects.requireNonNull;

/** A failure inside an operator, tagged with the operator's id for the task's failure report. */
public final class OperatorException extends RuntimeException {
  private final String operatorId;

  public OperatorException(String operatorId, String message, Throwable cause) {
    super(message, cause);
    this.operatorId = requireNonNull(operatorId, "operatorId is null");
  }

  public String operatorId() {
    return operatorId;
  }
}
