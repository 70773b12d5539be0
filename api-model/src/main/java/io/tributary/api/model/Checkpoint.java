package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A checkpoint of a job, as Arroyo lists them: its epoch, where it is stored, when it ran (epoch
 * microseconds; no finish time while it is in progress or when it failed) and the spans it went
 * through ({@code checkpointing_operators}, {@code writing_metadata}).
 */
public record Checkpoint(int epoch, String backend, long startTime, Optional<Long> finishTime,
        List<CheckpointEventSpan> events) {
    public Checkpoint {
        requireNonNull(backend, "backend is null");
        finishTime = finishTime == null ? Optional.empty() : finishTime;
        events = events == null ? List.of() : List.copyOf(events);
    }
}
