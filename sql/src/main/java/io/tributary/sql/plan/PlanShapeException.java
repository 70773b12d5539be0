package io.tributary.sql.plan;

/**
 * A query shape this version cannot turn into dataflow (an UNNEST or top-N form the engine does not
 * run), with a message for the user; located at the statement.
 */
final class PlanShapeException extends RuntimeException {
    PlanShapeException(String message) {
        super(message, null, false, false);
    }
}
