package io.tributary.controller.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.controller.store.JobRecord;
import io.tributary.controller.store.RestartStatus;
import io.tributary.engine.checkpoint.CheckpointCoordinator;
import io.tributary.engine.checkpoint.LocalCheckpointStore;
import io.tributary.engine.runtime.SubtaskId;
import io.tributary.engine.time.Timestamps;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
import io.tributary.proto.program.LogicalProgram;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCheckpointsTest {
    private static final String JOB = "job_interval";

    @TempDir
    Path stateDir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void aChangedIntervalCountsFromTheLastCheckpointsSchedule() throws Exception {
        RunCheckpoints run = run(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        long first = run.beginIfDue().orElseThrow();
        run.acknowledge(SubtaskCheckpoint.newBuilder().setJobId(JOB).setEpoch(first).setNodeId(1).build());

        run.changeInterval(Duration.ofSeconds(10));

        clock.advance(Duration.ofSeconds(1));
        assertThat(run.beginIfDue()).as("due after the old interval").isEmpty();
        clock.advance(Duration.ofMillis(8_999));
        assertThat(run.beginIfDue()).as("a millisecond before the new interval").isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(run.beginIfDue()).hasValue(first + 1);
    }

    @Test
    void anIntervalThatIsNotPositiveIsRefused() {
        RunCheckpoints run = run(Duration.ofSeconds(1));

        assertThatThrownBy(() -> run.changeInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be positive");
    }

    private RunCheckpoints run(Duration interval) {
        var store = new LocalCheckpointStore(stateDir);
        var coordinator = new CheckpointCoordinator(JOB, store, Set.of(new SubtaskId(1, 0)), 3,
                () -> Timestamps.toNanos(clock.instant()));
        var database = new FakeJobStore(new JobRecord(JOB, "pl_interval", JobState.RUNNING, 1, StopRequest.NONE, true, 0,
                Optional.empty(), Optional.empty(), 1, false, interval.toNanos() / 1_000, Optional.empty(), 0,
                RestartStatus.NONE),
                LogicalProgram.getDefaultInstance());
        return new RunCheckpoints(JOB, 1, store, coordinator, database, clock, interval, Duration.ofMinutes(5));
    }
}
