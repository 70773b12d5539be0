package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** A checkpoint of a job, as Arroyo lists them: its epoch, where it is stored, when it ran (epoch microseconds). */
public record Checkpoint(int epoch, String backend, long startTime, Optional<Long> finishTime) {
    public Checkpoint {
        requireNonNull(backend, "backend is null");
        finishTime = finishTime == null ? Optional.empty() : finishTime;
    }
}
