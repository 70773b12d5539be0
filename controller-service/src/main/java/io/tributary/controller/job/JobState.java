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
    RESCALING("Rescaling"),
    RESTARTING("Restarting"),
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
            // A run a previous controller was scheduling is cleared away like a failed one.
            case SCHEDULING -> EnumSet.of(RUNNING, RECOVERING, STOPPING, FAILING);
            case RUNNING -> EnumSet.of(CHECKPOINT_STOPPING, RESCALING, RESTARTING, STOPPING, FINISHING, RECOVERING,
                    FAILING);
            // A final checkpoint at the old parallelism, then a run at the new one restoring it.
            // A restart the user asked for ends the run as its mode says (a final checkpoint, or cancelled tasks),
            // then a new run starts; a failure on the way recovers like any failed run.
            case RESCALING, RESTARTING -> EnumSet.of(COMPILING, RECOVERING, FAILING);
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
