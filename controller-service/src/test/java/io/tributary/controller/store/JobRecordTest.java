package io.tributary.controller.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.controller.job.JobState;
import io.tributary.controller.job.RestartMode;
import io.tributary.controller.job.RestartRequest;
import io.tributary.controller.job.StopRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobRecordTest {

    @Test
    void aStoppedJobAskedToRunAfterItEndedIsRestarted() {
        assertThat(job(JobState.STOPPED, StopRequest.NONE, true, 200, 100).restartRequested()).isTrue();
    }

    @Test
    void aWishOlderThanTheEndDoesNotRestart() {
        assertThat(job(JobState.STOPPED, StopRequest.NONE, true, 50, 100).restartRequested()).isFalse();
    }

    @Test
    void aJobStillAskedToStopStaysStopped() {
        assertThat(job(JobState.STOPPED, StopRequest.CHECKPOINT, false, 200, 100).restartRequested()).isFalse();
    }

    @Test
    void finishedJobsNeverRestart() {
        assertThat(job(JobState.FINISHED, StopRequest.NONE, true, 200, 100).restartRequested()).isFalse();
    }

    @Test
    void aRestartIsPendingUntilARunCarriesItOut() {
        RestartRequest request = new RestartRequest(RestartMode.SAFE, 300);

        assertThat(running(300, new RestartStatus(Optional.of(request), 0, 0)).pendingRestart()).hasValue(request);
        assertThat(running(300, new RestartStatus(Optional.of(request), 300, 0)).pendingRestart()).isEmpty();
        assertThat(running(0, RestartStatus.NONE).pendingRestart()).isEmpty();
    }

    @Test
    void aStopAskedForAfterARestartOverridesIt() {
        var restart = new RestartStatus(Optional.of(new RestartRequest(RestartMode.IGNORE_STATE, 300)), 100, 0);

        assertThat(running(400, restart).pendingRestart()).isEmpty();
    }

    private static JobRecord running(long desiredAt, RestartStatus restart) {
        return new JobRecord("job_1", "pl_1", JobState.RUNNING, 1, StopRequest.NONE, true, desiredAt, Optional.empty(),
                Optional.empty(), 1, false, 1_000_000, Optional.empty(), 0, restart);
    }

    private static JobRecord job(JobState state, StopRequest stop, boolean runningDesired, long desiredAt, long finishedAt) {
        return new JobRecord("job_1", "pl_1", state, 1, stop, runningDesired, desiredAt, Optional.of(finishedAt),
                Optional.empty(), 1, false, 1_000_000, Optional.empty(), 0, RestartStatus.NONE);
    }
}
