package io.tributary.controller.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.controller.job.FakeJobStore;
import io.tributary.controller.job.JobState;
import io.tributary.controller.job.StopRequest;
import io.tributary.controller.leader.StandbyAwareMvc;
import io.tributary.controller.store.JobRecord;
import io.tributary.controller.store.RestartStatus;
import io.tributary.proto.program.LogicalProgram;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

class OutputControllerTest {
    private static final String PATH = "/internal/v1/jobs/job_1/output";
    private static final FakeJobStore JOBS = new FakeJobStore(new JobRecord("job_1", "pl_1", JobState.FINISHED, 1,
            StopRequest.NONE, false, 1, Optional.of(2L), Optional.empty(), 1, true, 1_000_000, Optional.empty(), 0,
            RestartStatus.NONE), LogicalProgram.getDefaultInstance());

    private static MockMvcTester controller(boolean leading) {
        return StandbyAwareMvc.serve(new OutputController(new OutputHub(), JOBS, () -> leading));
    }

    @Test
    void aStandbyRefusesWith503SayingToAskTheLeaderThoughTheClientAcceptsOnlyEvents() {
        assertThat(controller(false).get().uri(PATH).accept(MediaType.TEXT_EVENT_STREAM))
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .bodyText().isEqualTo("""
                        {"status":503,"message":"this controller is a standby; ask the leader for the output of job job_1"}""");
    }

    @Test
    void theLeaderStreamsTheOutputOfAJobThatEndedAsAnEmptyCompletedStream() {
        assertThat(controller(true).get().uri(PATH).accept(MediaType.TEXT_EVENT_STREAM))
                .hasStatusOk()
                .hasContentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .bodyText().isEmpty();
    }
}
