package io.tributary.pipeline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpServer;
import io.tributary.api.client.TributaryApiException;
import io.tributary.api.model.JobLogLevel;
import io.tributary.api.model.JobLogMessage;
import io.tributary.api.model.Metric;
import io.tributary.api.model.MetricGroup;
import io.tributary.api.model.MetricName;
import io.tributary.api.model.OperatorMetricGroup;
import io.tributary.api.model.OperatorMetricGroupCollection;
import io.tributary.api.model.PipelinePost;
import io.tributary.api.model.SubtaskMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The metrics relay against a fake controller, and the error log over rows written as the
 * controller writes them.
 */
class OperatorMetricsApiTest extends OwnDatabaseApiTest {
    private static final OperatorMetricGroupCollection METRICS = new OperatorMetricGroupCollection(List.of(
            new OperatorMetricGroup("source_1", List.of(new MetricGroup(MetricName.MESSAGES_SENT,
                    List.of(new SubtaskMetrics(0, List.of(new Metric(2_000_000, 150.0)))))))));
    /** The paths the fake controller was asked for. */
    private static final List<String> ASKED = new CopyOnWriteArrayList<>();
    private static final HttpServer CONTROLLER = fakeController();
    /** Listed first, as a standby may be: it refuses every request, so the relay asks the next controller. */
    private static final HttpServer STANDBY = FakeJsonServer.refusing("/internal/", 503);

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        newDatabase(registry, "metrics");
        registry.add("tributary.pipeline.controller-url", () -> "http://127.0.0.1:" + STANDBY.getAddress().getPort()
                + ",http://127.0.0.1:" + CONTROLLER.getAddress().getPort());
    }

    @AfterAll
    static void stopControllers() {
        CONTROLLER.stop(0);
        STANDBY.stop(0);
    }

    String pipelineId;
    String jobId;

    @BeforeEach
    void createPipeline() {
        ASKED.clear();
        pipelineId = client.createPipeline(new PipelinePost("metered", LifecycleApiTest.QUERY, Optional.empty(),
                Optional.empty())).id();
        jobId = client.listJobs(pipelineId).data().getFirst().id();
    }

    @Test
    void relaysARunningJobsMetricsInArroyosFieldNames() throws Exception {
        setState("Running");

        assertThat(client.operatorMetricGroups(pipelineId, jobId)).isEqualTo(METRICS);
        assertThat(ASKED).containsExactly("/internal/v1/jobs/" + jobId + "/operator_metric_groups");
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + port + "/api/v1/pipelines/" + pipelineId + "/jobs/" + jobId + "/operator_metric_groups")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(raw.body()).isEqualTo("""
                {"data":[{"operator_id":"source_1","metric_groups":[{"name":"messages_sent","subtasks":[{"index":0,\
                "metrics":[{"time":2000000,"value":150.0}]}]}]}]}""");
    }

    @Test
    void aJobNotRunningHasNoMetricsAndTheControllerIsNotAsked() {
        assertThat(client.operatorMetricGroups(pipelineId, jobId).data()).isEmpty();
        assertThat(ASKED).isEmpty();
    }

    @Test
    void unknownPipelinesAndJobsAreNotFound() {
        assertThatThrownBy(() -> client.operatorMetricGroups("pl_missing", jobId))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> client.operatorMetricGroups(pipelineId, "job_missing"))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void errorsListEveryTaskFailureWithItsOperatorThenTheJobsFailure() {
        logFailure(1, 1_000, "window_2", 1, "division by zero");
        logFailure(2, 5_000, "sink_3", 0, "disk full");
        jdbc.sql("UPDATE jobs SET state = 'Failed', failure_message = :message, finish_time = 9000 WHERE id = :id")
                .param("message", "operator sink_3 (subtask 0) failed: disk full (gave up after 1 restart within 10 minutes)")
                .param("id", jobId)
                .update();

        List<JobLogMessage> errors = client.jobErrors(pipelineId, jobId).data();

        assertThat(errors).extracting(JobLogMessage::createdAt, JobLogMessage::operatorId, JobLogMessage::taskIndex,
                        JobLogMessage::level, JobLogMessage::message)
                .containsExactly(
                        tuple(1_000L, Optional.of("window_2"), Optional.of(1L), JobLogLevel.ERROR, "division by zero"),
                        tuple(5_000L, Optional.of("sink_3"), Optional.of(0L), JobLogLevel.ERROR, "disk full"),
                        tuple(9_000L, Optional.empty(), Optional.empty(), JobLogLevel.ERROR,
                                "operator sink_3 (subtask 0) failed: disk full (gave up after 1 restart within 10 minutes)"));
        assertThat(errors.getFirst().details()).isEqualTo("stack of division by zero");
        assertThat(errors).extracting(JobLogMessage::id).doesNotHaveDuplicates();
    }

    private void setState(String state) {
        jdbc.sql("UPDATE jobs SET state = :state WHERE id = :id").param("state", state).param("id", jobId).update();
    }

    /** As the controller's {@code JdbcJobLog} writes it. */
    private void logFailure(long runId, long atMicros, String operatorId, int taskIndex, String message) {
        jdbc.sql("""
                        INSERT INTO job_log (job_id, run_id, created_at, operator_id, task_index, level, message, details)
                        VALUES (:job, :run, :at, :operator, :task, 'error', :message, :details)
                        """)
                .param("job", jobId)
                .param("run", runId)
                .param("at", atMicros)
                .param("operator", operatorId)
                .param("task", taskIndex)
                .param("message", message)
                .param("details", "stack of " + message)
                .update();
    }

    private static HttpServer fakeController() {
        return FakeJsonServer.start("/internal/v1/jobs/", exchange -> {
            ASKED.add(exchange.getRequestURI().getPath());
            return METRICS;
        });
    }
}
