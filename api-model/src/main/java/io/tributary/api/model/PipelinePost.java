package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * {@code state_url}: where this pipeline's checkpoints go ({@code file:///dir} or
 * {@code s3://bucket/prefix?…}); the controller's {@code tributary.controller.state-url} when absent.
 */
public record PipelinePost(
        String name,
        String query,
        Optional<Integer> parallelism,
        Optional<Long> checkpointIntervalMicros,
        Optional<String> stateUrl) {
    public PipelinePost {
        requireNonNull(name, "name is null");
        requireNonNull(query, "query is null");
        parallelism = parallelism == null ? Optional.empty() : parallelism;
        checkpointIntervalMicros = checkpointIntervalMicros == null ? Optional.empty() : checkpointIntervalMicros;
        stateUrl = stateUrl == null ? Optional.empty() : stateUrl;
    }

    /** A pipeline whose checkpoints go to the controller's configured store. */
    public PipelinePost(String name, String query, Optional<Integer> parallelism, Optional<Long> checkpointIntervalMicros) {
        this(name, query, parallelism, checkpointIntervalMicros, Optional.empty());
    }
}
