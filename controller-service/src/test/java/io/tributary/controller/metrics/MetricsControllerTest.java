package io.tributary.controller.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.controller.leader.StandbyAwareMvc;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

class MetricsControllerTest {
    private static final String PATH = "/internal/v1/jobs/job_1/operator_metric_groups";

    private static MockMvcTester controller(boolean leading) {
        return StandbyAwareMvc.serve(new MetricsController(new MetricsHistory(), () -> leading));
    }

    @Test
    void aStandbyRefusesWith503SayingToAskTheLeader() {
        assertThat(controller(false).get().uri(PATH).accept(MediaType.APPLICATION_JSON))
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .bodyText().isEqualTo("""
                        {"status":503,"message":"this controller is a standby; ask the leader for the operator metrics \
                        of job job_1"}""");
    }

    @Test
    void theLeaderAnswersWithTheMetricsItKeeps() {
        assertThat(controller(true).get().uri(PATH).accept(MediaType.APPLICATION_JSON))
                .hasStatusOk()
                .bodyText().isEqualTo("{\"data\":[]}");
    }
}
