package io.tributary.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a connection table is read or written. */
public enum ConnectionType {
    @JsonProperty("source") SOURCE,
    @JsonProperty("sink") SINK
}
