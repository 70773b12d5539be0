package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

public record PipelinePost(
        String name,
        String query,
        Optional<Integer> parallelism,
        Optional<Long> checkpointIntervalMicros) {
    public PipelinePost {
        requireNonNull(name, "name is null");
        requireNonNull(query, "query is null");
        parallelism = parallelism == null ? Optional.empty() : parallelism;
        checkpointIntervalMicros = checkpointIntervalMicros == null ? Optional.empty() : checkpointIntervalMicros;
    }
}
