package io.tributary.pipeline.api;

import io.tributary.api.client.ApiJson;
import io.tributary.api.model.Job;
import io.tributary.api.model.OperatorMetricGroupCollection;
import io.tributary.pipeline.PipelineManager;
import io.tributary.pipeline.PipelineServiceProperties;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;

/**
 * {@code GET …/jobs/{job_id}/operator_metric_groups}: the last five minutes of every operator's
 * metrics in Arroyo's shape, relayed from the controller, which gathers them from the workers'
 * heartbeats and keeps them in memory only.
 */
@RestController
public class OperatorMetricsController {
    /** States in which a run's workers may be reporting; other jobs have no metrics to show. */
    private static final Set<String> RUNNING = Set.of("Running", "CheckpointStopping", "Stopping", "Finishing", "Rescaling", "Restarting");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PipelineManager manager;
    private final PipelineServiceProperties properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public OperatorMetricsController(PipelineManager manager, PipelineServiceProperties properties) {
        this.manager = manager;
        this.properties = properties;
    }

    @GetMapping(path = "/api/v1/pipelines/{id}/jobs/{jobId}/operator_metric_groups",
            produces = MediaType.APPLICATION_JSON_VALUE)
    public OperatorMetricGroupCollection operatorMetricGroups(@PathVariable("id") String id,
            @PathVariable("jobId") String jobId) {
        Job job = manager.job(id, jobId);
        if (!RUNNING.contains(job.state())) {
            return new OperatorMetricGroupCollection(List.of());
        }
        HttpRequest request = HttpRequest.newBuilder(
                        properties.controllerUrl().resolve("/internal/v1/jobs/" + jobId + "/operator_metric_groups"))
                .header("Accept", MediaType.APPLICATION_JSON_VALUE)
                .timeout(TIMEOUT)
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw unavailable(jobId, "it answered " + response.statusCode());
            }
            return ApiJson.mapper().readValue(response.body(), OperatorMetricGroupCollection.class);
        } catch (IOException | JacksonException e) {
            throw unavailable(jobId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(jobId, "interrupted");
        }
    }

    private static ApiException unavailable(String jobId, String why) {
        return new ApiException(HttpStatus.BAD_GATEWAY,
                "the metrics of job " + jobId + " are unavailable: the controller could not be asked (" + why + ")");
    }
}
