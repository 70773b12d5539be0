package io.tributary.controller.job;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a job, with the transitions each allows. The names are what the API reports and
 * what the database stores.
 */
public enum JobState {
    CREATED("Created"),
    COMPILING("Compiling"),
    SCHEDULING("Scheduling"),
    RUNNING("Running"),
    RECOVERING("Recovering"),
    CHECKPOINT_STOPPING("CheckpointStopping"),
    STOPPING("Stopping"),
    FINISHING("Finishing"),
    FAILING("Failing"),
    STOPPED("Stopped"),
    FINISHED("Finished"),
    FAILED("Failed");

    private final String label;

    JobState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean terminal() {
        return this == STOPPED || this == FINISHED || this == FAILED;
    }

    public Set<JobState> next() {
        return switch (this) {
            case CREATED -> EnumSet.of(COMPILING, STOPPED, FAILING);
            case COMPILING -> EnumSet.of(SCHEDULING, STOPPING, FAILING);
            case SCHEDULING -> EnumSet.of(RUNNING, STOPPING, FAILING);
            case RUNNING -> EnumSet.of(CHECKPOINT_STOPPING, STOPPING, FINISHING, RECOVERING, FAILING);
            // A failed run is cleared away and the job compiled and scheduled again from its latest checkpoint.
            case RECOVERING -> EnumSet.of(COMPILING, STOPPING, FAILING);
            case CHECKPOINT_STOPPING -> EnumSet.of(STOPPING, FAILING);
            case STOPPING -> EnumSet.of(STOPPED, FAILING);
            case FINISHING -> EnumSet.of(FINISHED, FAILING);
            case FAILING -> EnumSet.of(FAILED);
            // A stopped or failed job that is asked to run again starts a new run.
            case STOPPED, FAILED -> EnumSet.of(COMPILING);
            case FINISHED -> EnumSet.noneOf(JobState.class);
        };
    }

    public static JobState fromLabel(String label) {
        for (JobState state : values()) {
            if (state.label.equals(label)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown job state '" + label + "'");
    }
}
