package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A job runs a pipeline. {@code state} is the controller's state name ({@code Created},
 * {@code Compiling}, {@code Scheduling}, {@code Running}, {@code Stopping}, {@code Stopped},
 * {@code Finishing}, {@code Finished}, {@code Failed}, …); times are epoch microseconds.
 */
public record Job(
        String id,
        boolean runningDesired,
        String state,
        long runId,
        Optional<Long> startTime,
        Optional<Long> finishTime,
        Optional<String> failureMessage,
        long createdAt) {
    public Job {
        requireNonNull(id, "id is null");
        requireNonNull(state, "state is null");
        startTime = startTime == null ? Optional.empty() : startTime;
        finishTime = finishTime == null ? Optional.empty() : finishTime;
        failureMessage = failureMessage == null ? Optional.empty() : failureMessage;
    }

    public boolean terminal() {
        return switch (state) {
            case "Stopped", "Finished", "Failed" -> true;
            default -> false;
        };
    }
}
