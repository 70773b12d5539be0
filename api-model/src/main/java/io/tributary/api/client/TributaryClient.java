package io.tributary.api.client;

import static java.util.Objects.requireNonNull;

import io.tributary.api.model.ApiError;
import io.tributary.api.model.CheckpointCollection;
import io.tributary.api.model.ConnectionAutocompleteResp;
import io.tributary.api.model.ConnectionProfile;
import io.tributary.api.model.ConnectionProfilePost;
import io.tributary.api.model.ConnectionSchema;
import io.tributary.api.model.ConnectionTable;
import io.tributary.api.model.ConnectionTablePost;
import io.tributary.api.model.ConnectorCollection;
import io.tributary.api.model.GlobalUdf;
import io.tributary.api.model.Job;
import io.tributary.api.model.JobLogMessage;
import io.tributary.api.model.OperatorCheckpointGroupCollection;
import io.tributary.api.model.OperatorMetricGroupCollection;
import io.tributary.api.model.OutputData;
import io.tributary.api.model.PaginatedCollection;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.PipelinePatch;
import io.tributary.api.model.PipelinePost;
import io.tributary.api.model.PipelineRestart;
import io.tributary.api.model.PreviewPost;
import io.tributary.api.model.QueryValidationResult;
import io.tributary.api.model.RestartMode;
import io.tributary.api.model.StopType;
import io.tributary.api.model.TestSourceMessage;
import io.tributary.api.model.UdfPost;
import io.tributary.api.model.UdfValidationResult;
import io.tributary.api.model.ValidateQueryPost;
import io.tributary.api.model.ValidateUdfPost;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Typed client of Tributary's REST API, used by the UI, the command line and the tests. */
public final class TributaryClient {
    private static final String JSON = "application/json";

    private final URI base;
    private final HttpClient http;
    private final JsonMapper json = ApiJson.mapper();
    private final Optional<String> apiKey;

    /** @param baseUrl where {@code /api/v1} lives, e.g. {@code http://localhost:5115} */
    public TributaryClient(URI baseUrl, Optional<String> apiKey) {
        requireNonNull(baseUrl, "baseUrl is null");
        String text = baseUrl.toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
        this.apiKey = requireNonNull(apiKey, "apiKey is null");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public TributaryClient(URI baseUrl) {
        this(baseUrl, Optional.empty());
    }

    public QueryValidationResult validateQuery(String query) {
        return send("POST", "api/v1/pipelines/validate_query", new ValidateQueryPost(query), new TypeReference<>() {});
    }

    public Pipeline createPipeline(PipelinePost post) {
        return send("POST", "api/v1/pipelines", post, new TypeReference<>() {});
    }

    public Pipeline preview(String query) {
        return send("POST", "api/v1/pipelines/preview", new PreviewPost(query), new TypeReference<>() {});
    }

    public PaginatedCollection<Pipeline> listPipelines() {
        return send("GET", "api/v1/pipelines", null, new TypeReference<>() {});
    }

    public Pipeline getPipeline(String pipelineId) {
        return send("GET", "api/v1/pipelines/" + pipelineId, null, new TypeReference<>() {});
    }

    public Pipeline stopPipeline(String pipelineId, StopType stop) {
        return patchPipeline(pipelineId, PipelinePatch.stop(stop));
    }

    /** {@code PATCH /api/v1/pipelines/{id}}: a new parallelism, checkpoint interval or stop request. */
    public Pipeline patchPipeline(String pipelineId, PipelinePatch patch) {
        return send("PATCH", "api/v1/pipelines/" + pipelineId, patch, new TypeReference<>() {});
    }

    public PaginatedCollection<Job> listJobs(String pipelineId) {
        return send("GET", "api/v1/pipelines/" + pipelineId + "/jobs", null, new TypeReference<>() {});
    }

    /** {@code GET /api/v1/ping}: answers {@code "Pong"} when the API is up. */
    public String ping() {
        return send("GET", "api/v1/ping", null, new TypeReference<>() {});
    }

    /** {@code GET /api/v1/connectors}: the connectors Tributary has, with the JSON Schema of their table options. */
    public ConnectorCollection listConnectors() {
        return send("GET", "api/v1/connectors", null, new TypeReference<>() {});
    }

    /**
     * {@code PUT /api/v1/pipelines/{id}}: creates a pipeline under an id the caller chooses (letters,
     * digits, {@code _} and {@code -}, at most 64); a 409 when a pipeline with that id exists.
     */
    public Pipeline createPipeline(String pipelineId, PipelinePost post) {
        return send("PUT", "api/v1/pipelines/" + encode(pipelineId), post, new TypeReference<>() {});
    }

    /**
     * A page of pipelines, newest first: at most {@code limit} (1 to 1000) of those after the pipeline
     * {@code startingAfter} (the last id of the previous page; empty for the first page).
     */
    public PaginatedCollection<Pipeline> listPipelines(Optional<String> startingAfter, int limit) {
        return send("GET", "api/v1/pipelines" + page(startingAfter, limit), null, new TypeReference<>() {});
    }

    /** {@code DELETE /api/v1/pipelines/{id}}: a 409 unless every job of the pipeline has ended. */
    public void deletePipeline(String pipelineId) {
        send("DELETE", "api/v1/pipelines/" + encode(pipelineId), null, null);
    }

    /**
     * {@code POST /api/v1/pipelines/{id}/restart} in Arroyo's form ({@code {"force": …}}): a
     * {@link #restartPipeline(String, RestartMode) restart} in mode {@code force}, or {@code safe}.
     */
    public Pipeline restartPipeline(String pipelineId, boolean force) {
        return restart(pipelineId, new PipelineRestart(Optional.of(force), Optional.empty()));
    }

    /**
     * {@code POST /api/v1/pipelines/{id}/restart}: a running job restarts as {@code mode} says; an
     * ended (Stopped or Failed) job runs again from its latest checkpoint, or with empty state for
     * {@code ignore_state}. A Finished job, or one on its way to an end, is a 409.
     */
    public Pipeline restartPipeline(String pipelineId, RestartMode mode) {
        return restart(pipelineId, new PipelineRestart(Optional.empty(), Optional.of(mode)));
    }

    private Pipeline restart(String pipelineId, PipelineRestart body) {
        return send("POST", "api/v1/pipelines/" + encode(pipelineId) + "/restart", body, new TypeReference<>() {});
    }

    /** {@code GET /api/v1/jobs}: a page of the jobs of all pipelines (previews left out), newest first. */
    public PaginatedCollection<Job> listAllJobs(Optional<String> startingAfter, int limit) {
        return send("GET", "api/v1/jobs" + page(startingAfter, limit), null, new TypeReference<>() {});
    }

    /** {@code GET …/jobs/{job_id}/errors}: the errors the job reported. */
    public PaginatedCollection<JobLogMessage> jobErrors(String pipelineId, String jobId) {
        return send("GET", "api/v1/pipelines/" + encode(pipelineId) + "/jobs/" + encode(jobId) + "/errors", null,
                new TypeReference<>() {});
    }

    /** {@code GET …/jobs/{job_id}/checkpoints}: the job's checkpoints, oldest first. */
    public CheckpointCollection jobCheckpoints(String pipelineId, String jobId) {
        return send("GET", "api/v1/pipelines/" + encode(pipelineId) + "/jobs/" + encode(jobId) + "/checkpoints",
                null, new TypeReference<>() {});
    }

    /**
     * {@code GET …/jobs/{job_id}/checkpoints/{epoch}/operator_checkpoint_groups}: what each operator
     * of a completed checkpoint wrote, per subtask; a 404 for an epoch the job has not completed.
     */
    public OperatorCheckpointGroupCollection operatorCheckpointGroups(String pipelineId, String jobId, long epoch) {
        return send("GET", "api/v1/pipelines/" + encode(pipelineId) + "/jobs/" + encode(jobId) + "/checkpoints/"
                + epoch + "/operator_checkpoint_groups", null, new TypeReference<>() {});
    }

    /**
     * {@code GET …/jobs/{job_id}/operator_metric_groups}: the last minutes of every operator's metrics, per
     * subtask; empty when the job is not running.
     */
    public OperatorMetricGroupCollection operatorMetricGroups(String pipelineId, String jobId) {
        return send("GET", "api/v1/pipelines/" + encode(pipelineId) + "/jobs/" + encode(jobId)
                + "/operator_metric_groups", null, new TypeReference<>() {});
    }

    /** {@code POST /api/v1/connection_profiles}: secret fields are stored encrypted and come back redacted. */
    public ConnectionProfile createConnectionProfile(ConnectionProfilePost post) {
        return send("POST", "api/v1/connection_profiles", post, new TypeReference<>() {});
    }

    public PaginatedCollection<ConnectionProfile> listConnectionProfiles() {
        return send("GET", "api/v1/connection_profiles", null, new TypeReference<>() {});
    }

    /** A 409 while a connection table uses the profile. */
    public void deleteConnectionProfile(String profileId) {
        send("DELETE", "api/v1/connection_profiles/" + encode(profileId), null, null);
    }

    /** {@code POST /api/v1/connection_profiles/test}: whether the system the profile describes can be reached. */
    public TestSourceMessage testConnectionProfile(ConnectionProfilePost post) {
        return send("POST", "api/v1/connection_profiles/test", post, new TypeReference<>() {});
    }

    public ConnectionAutocompleteResp autocompleteConnectionProfile(String profileId) {
        return send("GET", "api/v1/connection_profiles/" + encode(profileId) + "/autocomplete", null,
                new TypeReference<>() {});
    }

    public ConnectionTable createConnectionTable(ConnectionTablePost post) {
        return send("POST", "api/v1/connection_tables", post, new TypeReference<>() {});
    }

    /** A page of connection tables, newest first, like {@link #listPipelines(Optional, int)}. */
    public PaginatedCollection<ConnectionTable> listConnectionTables(Optional<String> startingAfter, int limit) {
        return send("GET", "api/v1/connection_tables" + page(startingAfter, limit), null, new TypeReference<>() {});
    }

    /** A 409 while a pipeline uses the table. */
    public void deleteConnectionTable(String tableId) {
        send("DELETE", "api/v1/connection_tables/" + encode(tableId), null, null);
    }

    /** {@code POST /api/v1/connection_tables/schemas/test}: the schema with the fields its definition yields; a 400 says what is wrong. */
    public ConnectionSchema testConnectionSchema(ConnectionSchema schema) {
        return send("POST", "api/v1/connection_tables/schemas/test", schema, new TypeReference<>() {});
    }

    /** {@code POST /api/v1/udfs}: a 400 with the compiler's errors when the source does not compile. */
    public GlobalUdf createUdf(UdfPost post) {
        return send("POST", "api/v1/udfs", post, new TypeReference<>() {});
    }

    public PaginatedCollection<GlobalUdf> listUdfs() {
        return send("GET", "api/v1/udfs", null, new TypeReference<>() {});
    }

    public UdfValidationResult validateUdf(String definition) {
        return send("POST", "api/v1/udfs/validate", new ValidateUdfPost(definition), new TypeReference<>() {});
    }

    public void deleteUdf(String udfId) {
        send("DELETE", "api/v1/udfs/" + encode(udfId), null, null);
    }

    private static String page(Optional<String> startingAfter, int limit) {
        requireNonNull(startingAfter, "startingAfter is null");
        return "?limit=" + limit + startingAfter.map(id -> "&starting_after=" + encode(id)).orElse("");
    }

    private static String encode(String segment) {
        return URLEncoder.encode(requireNonNull(segment, "id is null"), StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Follows a job's output stream on a virtual thread, handing each batch to {@code onOutput},
     * until the stream ends or the subscription is closed. Then {@code onEnd} runs, with the error
     * when the server refused the stream or could not be reached.
     */
    public OutputSubscription streamOutput(String pipelineId, String jobId, Consumer<OutputData> onOutput,
            Consumer<Optional<TributaryApiException>> onEnd) {
        HttpRequest request = request("GET", "api/v1/pipelines/" + pipelineId + "/jobs/" + jobId + "/output", null)
                .header("Accept", "text/event-stream")
                .build();
        var body = new InputStream[1];
        var closed = new AtomicBoolean();
        Thread reader = Thread.ofVirtual().name("output-" + jobId).start(() -> {
            Optional<TributaryApiException> failure = Optional.empty();
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() >= 400) {
                    try (InputStream in = response.body()) {
                        throw error(response.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
                synchronized (body) {
                    body[0] = response.body();
                }
                try (InputStream events = response.body()) {
                    ServerSentEvents.read(events, data -> onOutput.accept(json.readValue(data, OutputData.class)));
                }
            } catch (TributaryApiException e) {
                failure = Optional.of(e);
            } catch (IOException e) {
                // Closing the subscription ends the read with an IOException: that is no failure.
                if (!closed.get()) {
                    failure = Optional.of(new TributaryApiException("the output stream of job " + jobId + " broke: "
                            + e.getMessage(), e));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                onEnd.accept(failure);
            }
        });
        return () -> {
            closed.set(true);
            synchronized (body) {
                if (body[0] != null) {
                    try {
                        body[0].close();
                    } catch (IOException e) {
                        // Closing is best effort: the reader stops either way once interrupted.
                    }
                }
            }
            reader.interrupt();
        };
    }

    private <T> T send(String method, String path, Object body, TypeReference<T> type) {
        HttpRequest request = request(method, path, body).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TributaryApiException("cannot reach Tributary at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TributaryApiException("interrupted while calling " + method + " " + path, e);
        }
        if (response.statusCode() >= 400) {
            throw error(response.statusCode(), response.body());
        }
        if (type == null) {
            return null;
        }
        try {
            return json.readValue(response.body(), type);
        } catch (JacksonException e) {
            throw new TributaryApiException("unexpected answer to " + method + " " + path + ": " + e.getOriginalMessage(), e);
        }
    }

    private TributaryApiException error(int status, String body) {
        try {
            return new TributaryApiException(status, json.readValue(body, ApiError.class).message());
        } catch (JacksonException e) {
            return new TributaryApiException(status, "HTTP " + status + (body.isBlank() ? "" : ": " + body));
        }
    }

    private HttpRequest.Builder request(String method, String path, Object body) {
        HttpRequest.BodyPublisher publisher;
        try {
            publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
        } catch (JacksonException e) {
            throw new UncheckedIOException(new IOException("cannot encode " + body.getClass().getSimpleName(), e));
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                .method(method, publisher)
                .header("Accept", JSON);
        if (body != null) {
            builder.header("Content-Type", JSON);
        }
        apiKey.ifPresent(key -> builder.header("Authorization", "Bearer " + key));
        return builder;
    }
}
