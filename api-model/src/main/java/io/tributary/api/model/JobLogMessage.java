package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One entry of a job's log, as Arroyo's {@code GET …/jobs/{job_id}/errors} lists them: where it
 * happened (operator and subtask, when known), what, and when ({@code created_at}, epoch
 * microseconds).
 */
public record JobLogMessage(
        String id,
        long createdAt,
        Optional<String> operatorId,
        Optional<Long> taskIndex,
        JobLogLevel level,
        String message,
        String details) {
    public JobLogMessage {
        requireNonNull(id, "id is null");
        operatorId = operatorId == null ? Optional.empty() : operatorId;
        taskIndex = taskIndex == null ? Optional.empty() : taskIndex;
        requireNonNull(level, "level is null");
        requireNonNull(message, "message is null");
        details = details == null ? "" : details;
    }
}
