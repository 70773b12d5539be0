package io.tributary.ui.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.model.Job;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.PipelineGraph;
import io.tributary.api.model.StopType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineRowTest {
    private static final long CREATED = 1_790_000_000_123_456L;

    @Test
    void theLatestJobGivesTheState() {
        PipelineRow row = PipelineRow.of(pipeline(StopType.NONE),
                List.of(job("job_1", "Failed", 1, 100), job("job_3", "Running", 3, 300), job("job_2", "Stopped", 2, 200)));

        assertThat(row.latestJob()).map(Job::id).hasValue("job_3");
        assertThat(row.state()).isEqualTo("Running");
        assertThat(row.stoppable()).isTrue();
    }

    @Test
    void withoutAJobTheStateIsADash() {
        PipelineRow row = PipelineRow.of(pipeline(StopType.NONE), List.of());

        assertThat(row.state()).isEqualTo("—");
        assertThat(row.stoppable()).isTrue();
    }

    @Test
    void aPipelineAskedToStopOrWhoseJobEndedCannotBeStoppedAgain() {
        assertThat(PipelineRow.of(pipeline(StopType.CHECKPOINT), List.of(job("j", "Stopping", 1, 1))).stoppable()).isFalse();
        assertThat(PipelineRow.of(pipeline(StopType.NONE), List.of(job("j", "Finished", 1, 1))).stoppable()).isFalse();
    }

    @Test
    void createdIsShownInUtcFromEpochMicros() {
        assertThat(PipelineRow.of(pipeline(StopType.NONE), List.of()).created()).isEqualTo("2026-09-21 14:13:20 UTC");
    }

    private static Pipeline pipeline(StopType stop) {
        return new Pipeline("pl_1", "counts", "SELECT 1", 2, 10_000_000, stop, false, CREATED,
                new PipelineGraph(List.of(), List.of()));
    }

    private static Job job(String id, String state, long runId, long createdAt) {
        return new Job(id, true, state, runId, Optional.empty(), Optional.empty(), Optional.empty(), createdAt);
    }
}
