package io.tributary.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a running pipeline is restarted ({@code mode} of {@code POST /api/v1/pipelines/{id}/restart}). */
public enum RestartMode {
    /** A final checkpoint, then a new run restoring it. */
    @JsonProperty("safe") SAFE,
    /** The tasks are cancelled at once; the new run restores the latest completed checkpoint. */
    @JsonProperty("force") FORCE,
    /** The tasks are cancelled at once; the new run starts with empty state. */
    @JsonProperty("ignore_state") IGNORE_STATE
}
