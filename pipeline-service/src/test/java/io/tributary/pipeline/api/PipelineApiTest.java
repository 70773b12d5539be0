package io.tributary.pipeline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.client.TributaryApiException;
import io.tributary.api.client.TributaryClient;
import io.tributary.api.model.PipelineNode;
import io.tributary.api.model.PipelinePatch;
import io.tributary.api.model.Job;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.PipelinePost;
import io.tributary.api.model.QueryError;
import io.tributary.api.model.QueryValidationResult;
import io.tributary.api.model.StopType;
import io.tributary.pipeline.PipelineServiceApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The pipeline API over HTTP, as a client sees it (no controller runs here: jobs stay Created). */
@SpringBootTest(classes = PipelineServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=pipeline", "tributary.pipeline.max-parallelism=8"})
class PipelineApiTest {
    static final String IMPULSE_QUERY = """
            CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '10', message_count = '20');
            SELECT counter, counter * 2 AS doubled FROM impulse_source WHERE counter % 2 = 0;
            """;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ApiDatabases.register(registry, "api");
    }

    @LocalServerPort
    int port;

    TributaryClient client;

    @BeforeEach
    void connect() {
        client = new TributaryClient(URI.create("http://localhost:" + port));
    }

    @Test
    void validQueryAnswersWithItsOperatorGraph() {
        QueryValidationResult result = client.validateQuery(IMPULSE_QUERY);

        assertThat(result.errors()).isEmpty();
        assertThat(result.graph()).hasValueSatisfying(graph -> {
            assertThat(graph.nodes()).isNotEmpty();
            assertThat(graph.nodes()).anySatisfy(node -> assertThat(node.operator()).contains("source"));
        });
    }

    @Test
    void invalidQueryAnswersWithLocatedErrors() {
        QueryValidationResult result = client.validateQuery("""
                CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '100', message_count = '20');
                SELECT no_such_column FROM impulse_source;
                """);

        assertThat(result.graph()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.message()).contains("no_such_column");
            assertThat(error.span()).hasValueSatisfying(span -> {
                assertThat(span.start().line()).isEqualTo(2);
                assertThat(span.start().column()).isEqualTo(8);
            });
        });
    }

    @Test
    void createdPipelineIsListedWithAJobWaitingForTheController() {
        Pipeline created = client.createPipeline(new PipelinePost("evens", IMPULSE_QUERY, Optional.of(2), Optional.empty()));

        assertThat(created.id()).startsWith("pl_");
        assertThat(created.parallelism()).isEqualTo(2);
        assertThat(created.stop()).isEqualTo(StopType.NONE);
        assertThat(client.getPipeline(created.id()).query()).isEqualTo(IMPULSE_QUERY);
        assertThat(client.listPipelines().data()).extracting(Pipeline::id).contains(created.id());
        assertThat(client.listJobs(created.id()).data()).singleElement().satisfies(job -> {
            assertThat(job.state()).isEqualTo("Created");
            assertThat(job.runningDesired()).isTrue();
        });
    }

    @Test
    void stoppingRecordsTheDesiredStopOnPipelineAndJob() {
        Pipeline created = client.createPipeline(new PipelinePost("stop-me", IMPULSE_QUERY, Optional.empty(), Optional.empty()));

        Pipeline stopped = client.stopPipeline(created.id(), StopType.CHECKPOINT);

        assertThat(stopped.stop()).isEqualTo(StopType.CHECKPOINT);
        Job job = client.listJobs(created.id()).data().getFirst();
        assertThat(job.runningDesired()).isFalse();
    }

    @Test
    void patchingParallelismReplansAndPatchingTheIntervalKeepsIt() {
        Pipeline created = client.createPipeline(new PipelinePost("rescale-me", IMPULSE_QUERY, Optional.of(1), Optional.empty()));

        Pipeline rescaled = client.patchPipeline(created.id(), PipelinePatch.parallelism(3));
        Pipeline slower = client.patchPipeline(created.id(), PipelinePatch.checkpointInterval(30_000_000L));

        assertThat(rescaled.parallelism()).isEqualTo(3);
        assertThat(rescaled.graph().nodes()).extracting(PipelineNode::parallelism).contains(3);
        assertThat(slower.checkpointIntervalMicros()).isEqualTo(30_000_000L);
        assertThat(client.getPipeline(created.id()).parallelism()).isEqualTo(3);
    }

    @Test
    void patchingAnImpossibleParallelismOrIntervalIsABadRequest() {
        Pipeline created = client.createPipeline(new PipelinePost("patch-bad", IMPULSE_QUERY, Optional.of(1), Optional.empty()));

        assertThatThrownBy(() -> client.patchPipeline(created.id(), PipelinePatch.parallelism(0)))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("parallelism must be between 1 and");
                });
        assertThatThrownBy(() -> client.patchPipeline(created.id(), PipelinePatch.checkpointInterval(-1)))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("checkpoint_interval_micros must be positive");
                });
        assertThat(client.getPipeline(created.id()).parallelism()).isEqualTo(1);
    }

    @Test
    void previewIsNotListedAmongPipelines() {
        Pipeline preview = client.preview(IMPULSE_QUERY);

        assertThat(preview.preview()).isTrue();
        assertThat(client.listPipelines().data()).extracting(Pipeline::id).doesNotContain(preview.id());
        assertThat(client.listJobs(preview.id()).data()).hasSize(1);
    }

    @Test
    void creatingAnInvalidQueryIsABadRequestNamingWhere() {
        assertThatThrownBy(() -> client.createPipeline(new PipelinePost("bad",
                "CREATE TABLE t WITH (connector = 'impulse', event_rate = '1');\nSELECT nope FROM t;", Optional.empty(), Optional.empty())))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("2:8: ").contains("nope");
                });
    }

    @Test
    void parallelismOutsideTheLimitIsABadRequest() {
        assertThatThrownBy(() -> client.createPipeline(new PipelinePost("wide", IMPULSE_QUERY, Optional.of(9), Optional.empty())))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("between 1 and 8");
                });
    }

    @Test
    void aStateUrlNoStoreCanOpenIsABadRequestNamingIt() {
        assertThatThrownBy(() -> client.createPipeline(new PipelinePost("elsewhere", IMPULSE_QUERY, Optional.empty(),
                Optional.empty(), Optional.of("ftp://host/checkpoints"))))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("state_url: ").contains("ftp://host/checkpoints")
                            .contains("s3://bucket/prefix");
                });
        assertThatThrownBy(() -> client.createPipeline(new PipelinePost("relative", IMPULSE_QUERY, Optional.empty(),
                Optional.empty(), Optional.of("file:checkpoints"))))
                .isInstanceOfSatisfying(TributaryApiException.class,
                        e -> assertThat(e.getMessage()).contains("needs an absolute path"));
    }

    @Test
    void unknownPipelineIsNotFound() {
        assertThatThrownBy(() -> client.getPipeline("pl_missing"))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("pl_missing");
                });
    }

    @Test
    void malformedBodiesAreBadRequestsThatSayWhy() throws Exception {
        HttpResponse<String> missingQuery = post("/api/v1/pipelines", "{\"name\": \"x\"}");
        HttpResponse<String> wrongType = post("/api/v1/pipelines",
                "{\"name\": \"x\", \"query\": \"select 1\", \"parallelism\": \"many\"}");
        HttpResponse<String> notJson = post("/api/v1/pipelines/validate_query", "query=1");

        assertThat(missingQuery.statusCode()).isEqualTo(400);
        assertThat(missingQuery.body()).contains("\"status\":400").contains("query is null");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("parallelism");
        assertThat(notJson.statusCode()).isEqualTo(400);
    }

    @Test
    void validationErrorsKeepTheirSpanInJson() throws Exception {
        HttpResponse<String> response = post("/api/v1/pipelines/validate_query", "{\"query\": \"SELEC 1\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"span\":{\"start\":{\"line\":1,\"column\":1}");
        QueryError error = client.validateQuery("SELEC 1").errors().getFirst();
        assertThat(error.span()).isPresent();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
