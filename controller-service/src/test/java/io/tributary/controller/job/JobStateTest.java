package io.tributary.controller.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobStateTest {

    @Test
    void theHappyPathsAreAllowed() {
        assertPath(JobState.CREATED, JobState.COMPILING, JobState.SCHEDULING, JobState.RUNNING,
                JobState.CHECKPOINT_STOPPING, JobState.STOPPING, JobState.STOPPED);
        assertPath(JobState.RUNNING, JobState.FINISHING, JobState.FINISHED);
        assertPath(JobState.RUNNING, JobState.FAILING, JobState.FAILED);
        assertPath(JobState.RUNNING, JobState.RECOVERING, JobState.COMPILING, JobState.SCHEDULING, JobState.RUNNING);
        assertPath(JobState.RECOVERING, JobState.STOPPING, JobState.STOPPED);
        assertPath(JobState.RUNNING, JobState.RESTARTING, JobState.COMPILING, JobState.SCHEDULING, JobState.RUNNING);
    }

    @Test
    void aRestartingJobGoesOnToItsNextRunOrRecoversButNeverStops() {
        assertThat(JobState.RESTARTING.next())
                .containsExactlyInAnyOrder(JobState.COMPILING, JobState.RECOVERING, JobState.FAILING);
    }

    @Test
    void finishedIsFinal() {
        assertThat(JobState.FINISHED.next()).isEmpty();
    }

    @Test
    void stoppedAndFailedJobsCanRunAgain() {
        assertThat(JobState.STOPPED.next()).containsExactly(JobState.COMPILING);
        assertThat(JobState.FAILED.next()).containsExactly(JobState.COMPILING);
    }

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"CREATED", "COMPILING", "SCHEDULING", "RUNNING",
            "RECOVERING", "RESCALING", "RESTARTING", "CHECKPOINT_STOPPING", "STOPPING", "FINISHING"})
    void everyLiveStateCanFail(JobState state) {
        assertThat(state.next()).contains(JobState.FAILING);
        assertThat(state.terminal()).isFalse();
    }

    @Test
    void onlyTheEndsAreTerminal() {
        Set<JobState> terminal = EnumSet.noneOf(JobState.class);
        for (JobState state : JobState.values()) {
            if (state.terminal()) {
                terminal.add(state);
            }
        }
        assertThat(terminal).containsExactlyInAnyOrder(JobState.STOPPED, JobState.FINISHED, JobState.FAILED);
    }

    @ParameterizedTest
    @EnumSource(JobState.class)
    void labelsRoundTrip(JobState state) {
        assertThat(JobState.fromLabel(state.label())).isEqualTo(state);
    }

    @Test
    void unknownLabelIsRefusedByName() {
        assertThatThrownBy(() -> JobState.fromLabel("Exploded"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Exploded");
    }

    private static void assertPath(JobState... path) {
        for (int i = 1; i < path.length; i++) {
            assertThat(path[i - 1].next()).as("%s -> %s", path[i - 1], path[i]).contains(path[i]);
        }
    }
}
