package io.tributary.api.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How severe a job log entry is. */
public enum JobLogLevel {
    @JsonProperty("info") INFO,
    @JsonProperty("warn") WARN,
    @JsonProperty("error") ERROR
}
