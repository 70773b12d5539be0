package io.tributary.controller.job;

import java.util.Locale;

/** What the user last asked of a job's pipeline ({@code stop} of the pipeline PATCH). */
public enum StopRequest {
    NONE, CHECKPOINT, GRACEFUL, IMMEDIATE, FORCE;

    public static StopRequest parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
