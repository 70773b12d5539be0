package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

/** A stretch of a checkpoint (Arroyo's shape): what happened between two times (epoch microseconds). */
public record CheckpointEventSpan(long startTime, long finishTime, String event, String description) {
    public CheckpointEventSpan {
        requireNonNull(event, "event is null");
        requireNonNull(description, "description is null");
        if (finishTime < startTime) {
            throw new IllegalArgumentException("span '" + event + "' finishes at " + finishTime + " before it starts at "
                    + startTime);
        }
    }
}
