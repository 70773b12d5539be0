package io.tributary.controller.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.controller.job.RunAdoption.Decision;
import io.tributary.controller.job.RunAdoption.Reattached;
import io.tributary.engine.runtime.SubtaskId;
import io.tributary.proto.control.RunningExecution;
import io.tributary.proto.control.RunningSubtask;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunAdoptionTest {
    private static final String JOB = "job_adopt";
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** A source (one subtask) and a window of two subtasks, on two workers. */
    private static final Set<SubtaskId> SUBTASKS = Set.of(new SubtaskId(1, 0), new SubtaskId(2, 0), new SubtaskId(2, 1));

    private final RunAdoption adoption = new RunAdoption(JOB, 7, List.of("10.0.0.1:9191", "10.0.0.2:9191"), SUBTASKS,
            START, PATIENCE);

    @Test
    void adoptsOnceEveryRecordedWorkerIsBackRunningTheRunsSubtasks() {
        Decision decision = adoption.decide(List.of(
                worker("b", "10.0.0.2:9191", execution(JOB, 7, 2, 1)),
                worker("pooled", "10.0.0.3:9191"),
                worker("a", "10.0.0.1:9191", execution("other_job", 3, 1, 0), execution(JOB, 7, 1, 0, 2, 0))),
                START.plusSeconds(5));

        assertThat(decision).isEqualTo(new Decision.Adopt(List.of("a", "b")));
    }

    @Test
    void waitsForTheMissingWorkersUntilTheDeadlineThenRecoversNamingThem() {
        List<Reattached> oneBack = List.of(worker("a", "10.0.0.1:9191", execution(JOB, 7, 1, 0, 2, 0)));

        assertThat(adoption.decide(List.of(), START)).isEqualTo(
                new Decision.Wait(List.of("10.0.0.1:9191", "10.0.0.2:9191")));
        assertThat(adoption.decide(oneBack, START.plus(PATIENCE).minusMillis(1)))
                .isEqualTo(new Decision.Wait(List.of("10.0.0.2:9191")));
        assertThat(adoption.decide(oneBack, START.plus(PATIENCE))).isEqualTo(new Decision.Recover(
                "the workers of run 7 at 10.0.0.2:9191 did not come back within 30 s"));
    }

    @Test
    void recoversAtOnceWhenAWorkerCameBackWithoutTheRun() {
        Decision decision = adoption.decide(List.of(
                worker("a", "10.0.0.1:9191", execution(JOB, 6, 1, 0, 2, 0)),
                worker("b", "10.0.0.2:9191", execution(JOB, 7, 2, 1))), START);

        assertThat(decision).isEqualTo(new Decision.Recover("worker a at 10.0.0.1:9191 came back without run 7"));
    }

    @Test
    void recoversAtOnceWhenASubtaskOfTheRunNoLongerRuns() {
        Decision decision = adoption.decide(List.of(
                worker("a", "10.0.0.1:9191", execution(JOB, 7, 1, 0)),
                worker("b", "10.0.0.2:9191", execution(JOB, 7, 2, 1))), START);

        assertThat(decision).isEqualTo(new Decision.Recover("subtasks 2-0 of run 7 no longer run"));
    }

    @Test
    void recoversWhenNoWorkerOfTheRunWasRecorded() {
        var unrecorded = new RunAdoption(JOB, 7, List.of(), SUBTASKS, START, PATIENCE);

        assertThat(unrecorded.decide(List.of(worker("a", "10.0.0.1:9191", execution(JOB, 7, 1, 0))), START))
                .isEqualTo(new Decision.Recover("no worker of run 7 was recorded"));
    }

    private static Reattached worker(String id, String address, RunningExecution... executions) {
        return new Reattached(id, address, List.of(executions));
    }

    /** An execution of the run with the subtasks given as node, index pairs. */
    private static RunningExecution execution(String jobId, long runId, int... subtasks) {
        var execution = RunningExecution.newBuilder().setJobId(jobId).setRunId(runId);
        for (int i = 0; i < subtasks.length; i += 2) {
            execution.addSubtasks(RunningSubtask.newBuilder().setNodeId(subtasks[i]).setSubtaskIndex(subtasks[i + 1]));
        }
        return execution.build();
    }
}
