package io.tributary.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a pipeline's job is to be stopped; {@code none} means it should run. */
public enum StopType {
    @JsonProperty("none") NONE,
    @JsonProperty("checkpoint") CHECKPOINT,
    @JsonProperty("graceful") GRACEFUL,
    @JsonProperty("immediate") IMMEDIATE,
    @JsonProperty("force") FORCE
}
