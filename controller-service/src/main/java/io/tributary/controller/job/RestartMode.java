package io.tributary.controller.job;

import java.util.Locale;

/** How a running job is restarted ({@code mode} of the pipeline restart request, as stored in {@code jobs.restart_mode}). */
public enum RestartMode {
    /** A final checkpoint, after which the sources stop; the new run restores it. */
    SAFE,
    /** The tasks are cancelled; the new run restores the latest completed checkpoint. */
    FORCE,
    /** The tasks are cancelled; the new run starts with empty state. */
    IGNORE_STATE;

    /** The name the API and the database use. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RestartMode parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
