package io.tributary.pipeline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.client.ApiJson;
import io.tributary.api.client.TributaryApiException;
import io.tributary.api.model.Connector;
import io.tributary.api.model.Job;
import io.tributary.api.model.JobLogLevel;
import io.tributary.api.model.PaginatedCollection;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.PipelinePost;
import io.tributary.api.model.RestartMode;
import io.tributary.api.model.StopType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Ping, connectors, caller-chosen ids, pagination, delete, restart, errors and checkpoints over
 * HTTP. No controller runs here: the tests write job states into the shared tables as it would.
 */
class LifecycleApiTest extends OwnDatabaseApiTest {
    static final String QUERY = PipelineApiTest.IMPULSE_QUERY;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        newDatabase(registry, "lifecycle");
    }

    @Test
    void pingAnswersPongAsArroyoDoes() throws Exception {
        HttpResponse<String> response = call("GET", "/api/v1/ping", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("\"Pong\"");
        assertThat(client.ping()).isEqualTo("Pong");
    }

    @Test
    void connectorsListEveryConnectorWithAParsableOptionSchema() throws Exception {
        List<Connector> connectors = client.listConnectors().data();

        assertThat(connectors).extracting(Connector::id)
                .containsExactlyInAnyOrder("impulse", "nexmark", "single_file", "stdout", "blackhole", "preview", "redis",
                        "kafka");
        assertThat(connectors).filteredOn(Connector::source).extracting(Connector::id)
                .containsExactlyInAnyOrder("impulse", "nexmark", "single_file", "kafka");
        assertThat(connectors).filteredOn(Connector::sink).extracting(Connector::id)
                .containsExactlyInAnyOrder("single_file", "stdout", "blackhole", "preview", "kafka");
        for (Connector connector : connectors) {
            JsonNode schema = ApiJson.mapper().readTree(connector.tableConfig());
            assertThat(schema.get("type").asString()).as(connector.id()).isEqualTo("object");
            assertThat(schema.get("properties")).as(connector.id()).isNotNull();
        }
        Connector nexmark = connectors.stream().filter(c -> c.id().equals("nexmark")).findFirst().orElseThrow();
        assertThat(ApiJson.mapper().readTree(nexmark.tableConfig()).get("required").get(0).asString())
                .isEqualTo("event_rate");
        JsonNode stdout = schema(connectors, "stdout");
        assertThat(stdout.get("properties").get("type").get("enum").get(0).asString()).isEqualTo("sink");
        assertThat(stdout.get("properties").get("format").get("enum")).hasSize(2);
        assertThat(schema(connectors, "impulse").get("required").get(0).asString()).isEqualTo("event_rate");
        assertThat(schema(connectors, "single_file").get("properties").get("type").get("enum")).hasSize(2);
        assertThat(call("GET", "/api/v1/connectors", null).body()).contains("\"table_config\":");
    }

    private static JsonNode schema(List<Connector> connectors, String id) {
        return ApiJson.mapper().readTree(connectors.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow()
                .tableConfig());
    }

    @Test
    void putCreatesUnderTheChosenIdOnce() {
        String id = "pl_chosen-" + suffix();
        Pipeline created = client.createPipeline(id, post("chosen"));

        assertThat(created.id()).isEqualTo(id);
        assertThat(client.getPipeline(id).name()).isEqualTo("chosen");
        assertThat(client.listJobs(id).data()).singleElement().extracting(Job::state).isEqualTo("Created");
        expectError(() -> client.createPipeline(id, post("again")), 409, "exists already");
    }

    @Test
    void putRefusesBadIdsAndBadBodies() throws Exception {
        expectError(() -> client.createPipeline("has space", post("x")), 400, "has space");
        expectError(() -> client.createPipeline("x".repeat(65), post("x")), 400, "1 to 64");
        HttpResponse<String> missingQuery = call("PUT", "/api/v1/pipelines/pl_nobody", "{\"name\": \"x\"}");
        assertThat(missingQuery.statusCode()).isEqualTo(400);
        assertThat(missingQuery.body()).contains("\"status\":400").contains("query is null");
        expectError(() -> client.getPipeline("pl_nobody"), 404, "pl_nobody");
    }

    @Test
    void pipelinesPageWithStartingAfter() {
        // Fresh ids sorting after every other test's, created in one millisecond or not: walk all pages.
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(client.createPipeline(post("page" + i)).id());
        }

        List<String> seen = new ArrayList<>();
        Optional<String> after = Optional.empty();
        PaginatedCollection<Pipeline> page;
        int pages = 0;
        do {
            page = client.listPipelines(after, 2);
            assertThat(page.data()).hasSizeLessThanOrEqualTo(2);
            page.data().forEach(pipeline -> seen.add(pipeline.id()));
            after = page.data().isEmpty() ? after : Optional.of(page.data().getLast().id());
            pages++;
        } while (page.hasMore() && pages < 100);

        assertThat(seen).doesNotHaveDuplicates().containsAll(created);
        assertThat(seen.indexOf(created.get(4))).isLessThan(seen.indexOf(created.get(0)));
        assertThat(client.listPipelines(Optional.empty(), 2).hasMore()).isTrue();
    }

    @Test
    void paginationRefusesBadLimitsAndUnknownCursors() throws Exception {
        expectError(() -> client.listPipelines(Optional.empty(), 0), 400, "between 1 and 1000");
        expectError(() -> client.listPipelines(Optional.of("pl_nowhere"), 10), 400, "pl_nowhere");
        expectError(() -> client.listAllJobs(Optional.empty(), 1001), 400, "between 1 and 1000");
        expectError(() -> client.listAllJobs(Optional.of("job_nowhere"), 10), 400, "job_nowhere");
        HttpResponse<String> notANumber = call("GET", "/api/v1/pipelines?limit=many", null);
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.body()).contains("\"status\":400").contains("limit").contains("many");
        assertThat(call("GET", "/api/v1/jobs?limit=x", null).statusCode()).isEqualTo(400);
    }

    @Test
    void allJobsAreListedNewestFirstWithoutPreviews() {
        Pipeline first = client.createPipeline(post("jobs-a"));
        Pipeline second = client.createPipeline(post("jobs-b"));
        Pipeline preview = client.preview(QUERY);
        String firstJob = client.listJobs(first.id()).data().getFirst().id();
        String secondJob = client.listJobs(second.id()).data().getFirst().id();
        String previewJob = client.listJobs(preview.id()).data().getFirst().id();

        List<String> all = new ArrayList<>();
        Optional<String> after = Optional.empty();
        PaginatedCollection<Job> page;
        do {
            page = client.listAllJobs(after, 3);
            page.data().forEach(job -> all.add(job.id()));
            after = page.data().isEmpty() ? after : Optional.of(page.data().getLast().id());
        } while (page.hasMore());

        assertThat(all).doesNotHaveDuplicates().contains(firstJob, secondJob).doesNotContain(previewJob);
        assertThat(all.indexOf(secondJob)).isLessThan(all.indexOf(firstJob));
    }

    @Test
    void deletingARunningPipelineIsAConflictSayingToStopIt() {
        Pipeline pipeline = client.createPipeline(post("busy"));

        expectError(() -> client.deletePipeline(pipeline.id()), 409, "stop it first");
        assertThat(client.getPipeline(pipeline.id()).id()).isEqualTo(pipeline.id());
    }

    @Test
    void deletingAnEndedPipelineRemovesItsJobsAndTransitions() throws Exception {
        Pipeline pipeline = client.createPipeline(post("done"));
        String jobId = client.listJobs(pipeline.id()).data().getFirst().id();
        end(jobId, "Stopped", null);
        jdbc.sql("INSERT INTO job_transitions (job_id, run_id, from_state, to_state, reason, at_micros) "
                + "VALUES (:id, 1, 'Running', 'Stopped', 'asked to', 1)").param("id", jobId).update();

        HttpResponse<String> response = call("DELETE", "/api/v1/pipelines/" + pipeline.id(), null);

        assertThat(response.statusCode()).isEqualTo(204);
        expectError(() -> client.getPipeline(pipeline.id()), 404, pipeline.id());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM jobs WHERE id = :id").param("id", jobId).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM job_transitions WHERE job_id = :id").param("id", jobId)
                .query(Long.class).single()).isZero();
        expectError(() -> client.deletePipeline(pipeline.id()), 404, pipeline.id());
    }

    @Test
    void restartingAStoppedJobAsksTheControllerForANewRun() {
        Pipeline pipeline = client.createPipeline(post("again"));
        client.stopPipeline(pipeline.id(), StopType.CHECKPOINT);
        String jobId = client.listJobs(pipeline.id()).data().getFirst().id();
        end(jobId, "Stopped", null);

        Pipeline restarted = client.restartPipeline(pipeline.id(), false);

        assertThat(restarted.stop()).isEqualTo(StopType.NONE);
        var row = jdbc.sql("""
                        SELECT running_desired, stop_mode, updated_at, finish_time, restart_mode, restart_requested_at
                        FROM jobs WHERE id = :id""")
                .param("id", jobId)
                .query((rs, n) -> List.of(rs.getBoolean(1), rs.getString(2), rs.getLong(3) > rs.getLong(4),
                        rs.getString(5), rs.getLong(6) == rs.getLong(3)))
                .single();
        assertThat(row).containsExactly(true, "none", true, "safe", true);
    }

    @Test
    void restartWithoutBodyWorksAndFailedJobsRestartToo() throws Exception {
        Pipeline pipeline = client.createPipeline(post("failed"));
        end(client.listJobs(pipeline.id()).data().getFirst().id(), "Failed", "boom");

        HttpResponse<String> response = call("POST", "/api/v1/pipelines/" + pipeline.id() + "/restart", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(client.listJobs(pipeline.id()).data().getFirst().runningDesired()).isTrue();
    }

    @Test
    void restartingARunningJobRecordsEachRequestWithItsModeForTheController() throws Exception {
        Pipeline pipeline = client.createPipeline(post("running"));
        String jobId = client.listJobs(pipeline.id()).data().getFirst().id();
        jdbc.sql("UPDATE jobs SET state = 'Running' WHERE id = :id").param("id", jobId).update();

        assertThat(call("POST", "/api/v1/pipelines/" + pipeline.id() + "/restart", null).statusCode()).isEqualTo(200);
        RestartRow safe = restartRow(jobId);
        assertThat(client.restartPipeline(pipeline.id(), true).stop()).isEqualTo(StopType.NONE);
        RestartRow forced = restartRow(jobId);
        assertThat(call("POST", "/api/v1/pipelines/" + pipeline.id() + "/restart", "{\"mode\": \"force\"}")
                .statusCode()).isEqualTo(200);
        RestartRow forcedAgain = restartRow(jobId);
        client.restartPipeline(pipeline.id(), RestartMode.IGNORE_STATE);
        RestartRow fresh = restartRow(jobId);

        assertThat(List.of(safe.mode(), forced.mode(), forcedAgain.mode(), fresh.mode()))
                .containsExactly("safe", "force", "force", "ignore_state");
        assertThat(List.of(safe.requestedAt(), forced.requestedAt(), forcedAgain.requestedAt(), fresh.requestedAt()))
                .as("each request is told apart by its time").isSorted().doesNotHaveDuplicates();
        Job job = client.listJobs(pipeline.id()).data().getFirst();
        assertThat(job.state()).as("the controller moves the job, not the API").isEqualTo("Running");
        assertThat(job.runningDesired()).isTrue();
    }

    @Test
    void restartRefusesAJobOnItsWayToAnEnd() {
        Pipeline pipeline = client.createPipeline(post("stopping"));
        String jobId = client.listJobs(pipeline.id()).data().getFirst().id();
        client.stopPipeline(pipeline.id(), StopType.CHECKPOINT);
        jdbc.sql("UPDATE jobs SET state = 'CheckpointStopping' WHERE id = :id").param("id", jobId).update();

        expectError(() -> client.restartPipeline(pipeline.id(), RestartMode.FORCE), 409, "CheckpointStopping");
        assertThat(restartRow(jobId).mode()).isNull();
    }

    @Test
    void restartRefusesAnUnknownModeByNameAndForceContradictingTheMode() throws Exception {
        Pipeline pipeline = client.createPipeline(post("bad-mode"));

        HttpResponse<String> unknown = call("POST", "/api/v1/pipelines/" + pipeline.id() + "/restart",
                "{\"mode\": \"gentle\"}");
        HttpResponse<String> contradiction = call("POST", "/api/v1/pipelines/" + pipeline.id() + "/restart",
                "{\"force\": true, \"mode\": \"ignore_state\"}");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("mode").contains("gentle");
        assertThat(contradiction.statusCode()).isEqualTo(400);
        assertThat(contradiction.body()).contains("ignore_state");
        assertThat(restartRow(client.listJobs(pipeline.id()).data().getFirst().id()).mode()).isNull();
    }

    /** The restart request as the controller reads it. */
    private record RestartRow(String mode, long requestedAt) {}

    private RestartRow restartRow(String jobId) {
        return jdbc.sql("SELECT restart_mode, restart_requested_at FROM jobs WHERE id = :id")
                .param("id", jobId)
                .query((rs, n) -> new RestartRow(rs.getString(1), rs.getLong(2)))
                .single();
    }

    @Test
    void restartRefusesFinishedJobsUnknownPipelinesAndBadBodies() throws Exception {
        Pipeline pipeline = client.createPipeline(post("finished"));
        end(client.listJobs(pipeline.id()).data().getFirst().id(), "Finished", null);

        expectError(() -> client.restartPipeline(pipeline.id(), false), 409, "Finished");
        expectError(() -> client.restartPipeline("pl_ghost", false), 404, "pl_ghost");
        HttpResponse<String> badBody = call("POST", "/api/v1/pipelines/" + pipeline.id() + "/restart",
                "{\"force\": \"very\"}");
        assertThat(badBody.statusCode()).isEqualTo(400);
        assertThat(badBody.body()).contains("force");
    }

    @Test
    void errorsListTheFailureMessageAsAnErrorEntry() throws Exception {
        Pipeline pipeline = client.createPipeline(post("errors"));
        String jobId = client.listJobs(pipeline.id()).data().getFirst().id();
        assertThat(client.jobErrors(pipeline.id(), jobId).data()).isEmpty();
        end(jobId, "Failed", "operator 2 threw: division by zero");

        var errors = client.jobErrors(pipeline.id(), jobId);

        assertThat(errors.hasMore()).isFalse();
        assertThat(errors.data()).singleElement().satisfies(entry -> {
            assertThat(entry.level()).isEqualTo(JobLogLevel.ERROR);
            assertThat(entry.message()).isEqualTo("operator 2 threw: division by zero");
            assertThat(entry.createdAt()).isEqualTo(2_000L);
            assertThat(entry.operatorId()).isEmpty();
        });
        assertThat(call("GET", "/api/v1/pipelines/" + pipeline.id() + "/jobs/" + jobId + "/errors", null).body())
                .contains("\"level\":\"error\"").contains("\"task_index\":null").contains("\"has_more\":false");
    }

    @Test
    void checkpointsAreAnEmptyListForNow() throws Exception {
        Pipeline pipeline = client.createPipeline(post("checkpoints"));
        String jobId = client.listJobs(pipeline.id()).data().getFirst().id();

        assertThat(client.jobCheckpoints(pipeline.id(), jobId).data()).isEmpty();
        assertThat(call("GET", "/api/v1/pipelines/" + pipeline.id() + "/jobs/" + jobId + "/checkpoints", null).body())
                .isEqualTo("{\"data\":[]}");
    }

    @Test
    void errorsAndCheckpointsOfUnknownJobsAreNotFound() {
        Pipeline pipeline = client.createPipeline(post("unknown-jobs"));
        Pipeline other = client.createPipeline(post("other"));
        String otherJob = client.listJobs(other.id()).data().getFirst().id();

        expectError(() -> client.jobErrors(pipeline.id(), "job_ghost"), 404, "job_ghost");
        expectError(() -> client.jobCheckpoints(pipeline.id(), otherJob), 404, otherJob);
        expectError(() -> client.jobErrors("pl_ghost", otherJob), 404, otherJob);
    }

    /** What the controller writes when a job ends. */
    private void end(String jobId, String state, String failure) {
        jdbc.sql("UPDATE jobs SET state = :state, finish_time = 2000, failure_message = :failure WHERE id = :id")
                .param("state", state)
                .param("failure", failure)
                .param("id", jobId)
                .update();
    }

    private static PipelinePost post(String name) {
        return new PipelinePost(name, QUERY, Optional.empty(), Optional.empty());
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static void expectError(ThrowingCallable call, int status, String words) {
        assertThatThrownBy(call).isInstanceOfSatisfying(TributaryApiException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).contains(words);
        });
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
