package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

/** A pipeline: the query, how it runs, and what it has been asked to do. */
public record Pipeline(
        String id,
        String name,
        String query,
        int parallelism,
        long checkpointIntervalMicros,
        StopType stop,
        boolean preview,
        long createdAt,
        PipelineGraph graph) {
    public Pipeline {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(query, "query is null");
        requireNonNull(stop, "stop is null");
        requireNonNull(graph, "graph is null");
    }
}
