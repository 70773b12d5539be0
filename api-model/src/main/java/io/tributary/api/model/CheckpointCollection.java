package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Arroyo's answer to {@code GET …/jobs/{job_id}/checkpoints}: every checkpoint of the job, oldest first. */
public record CheckpointCollection(List<Checkpoint> data) {
    public CheckpointCollection {
        data = List.copyOf(requireNonNull(data, "data is null"));
    }
}
