package io.tributary.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.model.Job;
import io.tributary.api.model.JobLogLevel;
import io.tributary.api.model.JobLogMessage;
import io.tributary.api.model.PipelineRestart;
import io.tributary.api.model.PipelinePatch;
import io.tributary.api.model.PipelinePost;
import io.tributary.api.model.RestartMode;
import io.tributary.api.model.StopType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiJsonTest {

    @Test
    void namesAreSnakeCaseAsArroyoWritesThem() {
        String json = ApiJson.mapper().writeValueAsString(
                new PipelinePost("p", "select 1", Optional.of(2), Optional.of(1_000_000L)));

        assertThat(json).contains("\"checkpoint_interval_micros\":1000000").contains("\"parallelism\":2");
    }

    @Test
    void absentOptionalFieldsReadAsEmpty() {
        PipelinePost post = ApiJson.mapper().readValue("{\"name\": \"p\", \"query\": \"q\"}", PipelinePost.class);

        assertThat(post.parallelism()).isEmpty();
        assertThat(post.checkpointIntervalMicros()).isEmpty();
    }

    @Test
    void stopTypesTravelInLowerCase() {
        assertThat(ApiJson.mapper().writeValueAsString(PipelinePatch.stop(StopType.CHECKPOINT)))
                .isEqualTo("{\"stop\":\"checkpoint\"}");
        assertThat(ApiJson.mapper().readValue("{\"stop\": \"immediate\"}", PipelinePatch.class).stop())
                .contains(StopType.IMMEDIATE);
    }

    @Test
    void aPatchCarriesOnlyWhatItChanges() {
        assertThat(ApiJson.mapper().writeValueAsString(PipelinePatch.parallelism(3))).isEqualTo("{\"parallelism\":3}");
        PipelinePatch patch = ApiJson.mapper().readValue("{\"checkpoint_interval_micros\": 5000000}", PipelinePatch.class);
        assertThat(patch.checkpointIntervalMicros()).contains(5_000_000L);
        assertThat(patch.parallelism()).isEmpty();
        assertThat(patch.stop()).isEmpty();
    }

    @Test
    void unknownFieldsFromNewerServersAreIgnored() {
        Job job = ApiJson.mapper().readValue("""
                {"id": "job_1", "running_desired": true, "state": "Running", "run_id": 3,
                 "created_at": 5, "tasks": 4}""", Job.class);

        assertThat(job.state()).isEqualTo("Running");
        assertThat(job.startTime()).isEmpty();
        assertThat(job.terminal()).isFalse();
    }

    @Test
    void jobLogEntriesUseArroyosNames() {
        String json = ApiJson.mapper().writeValueAsString(new JobLogMessage("log_1", 7, Optional.of("op_1"),
                Optional.of(2L), JobLogLevel.WARN, "slow", "details"));

        assertThat(json).contains("\"created_at\":7").contains("\"operator_id\":\"op_1\"")
                .contains("\"task_index\":2").contains("\"level\":\"warn\"");
    }

    @Test
    void restartBodyNamesItsModeOrForceOrNeither() {
        assertThat(ApiJson.mapper().readValue("{}", PipelineRestart.class).restartMode()).isEqualTo(RestartMode.SAFE);
        assertThat(ApiJson.mapper().readValue("{\"force\": true}", PipelineRestart.class).restartMode())
                .isEqualTo(RestartMode.FORCE);
        assertThat(ApiJson.mapper().readValue("{\"force\": false}", PipelineRestart.class).restartMode())
                .isEqualTo(RestartMode.SAFE);
        assertThat(ApiJson.mapper().readValue("{\"mode\": \"ignore_state\"}", PipelineRestart.class).restartMode())
                .isEqualTo(RestartMode.IGNORE_STATE);
        assertThat(ApiJson.mapper().writeValueAsString(new PipelineRestart(Optional.of(true), Optional.empty())))
                .isEqualTo("{\"force\":true}");
        assertThat(ApiJson.mapper().writeValueAsString(new PipelineRestart(Optional.empty(),
                Optional.of(RestartMode.IGNORE_STATE)))).isEqualTo("{\"mode\":\"ignore_state\"}");
    }

    @Test
    void forceContradictingAnotherModeIsRefused() {
        assertThatThrownBy(() -> new PipelineRestart(Optional.of(true), Optional.of(RestartMode.SAFE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("safe");
    }
}
