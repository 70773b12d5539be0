package io.tributary.api.model;

import java.util.Optional;

/**
 * The body of {@code POST /api/v1/pipelines/{id}/restart}, optional as a whole. {@code force}
 * (default false) lets the call act on a job that is still running: it asks for an immediate stop.
 */
public record PipelineRestart(Optional<Boolean> force) {
    public PipelineRestart {
        force = force == null ? Optional.empty() : force;
    }

    public boolean forced() {
        return force.orElse(false);
    }
}
