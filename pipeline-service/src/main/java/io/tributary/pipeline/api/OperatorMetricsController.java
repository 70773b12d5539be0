package io.tributary.pipeline.api;

import io.tributary.api.client.ApiJson;
import io.tributary.api.model.Job;
import io.tributary.api.model.OperatorMetricGroupCollection;
import io.tributary.pipeline.PipelineManager;
import io.tributary.pipeline.leader.LeaderClient;
import io.tributary.pipeline.leader.NoLeaderException;
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
 * heartbeats and keeps them in memory only (the leading controller's).
 */
@RestController
public class OperatorMetricsController {
    /** States in which a run's workers may be reporting; other jobs have no metrics to show. */
    private static final Set<String> RUNNING = Set.of("Running", "CheckpointStopping", "Stopping", "Finishing", "Rescaling", "Restarting");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PipelineManager manager;
    private final LeaderClient leader;

    public OperatorMetricsController(PipelineManager manager, LeaderClient leader) {
        this.manager = manager;
        this.leader = leader;
    }

    @GetMapping(path = "/api/v1/pipelines/{id}/jobs/{jobId}/operator_metric_groups",
            produces = MediaType.APPLICATION_JSON_VALUE)
    public OperatorMetricGroupCollection operatorMetricGroups(@PathVariable("id") String id,
            @PathVariable("jobId") String jobId) {
        Job job = manager.job(id, jobId);
        if (!RUNNING.contains(job.state())) {
            return new OperatorMetricGroupCollection(List.of());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder()
                .header("Accept", MediaType.APPLICATION_JSON_VALUE)
                .timeout(TIMEOUT)
                .GET();
        try {
            HttpResponse<byte[]> response = leader.send(request, "/internal/v1/jobs/" + jobId + "/operator_metric_groups",
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw unavailable(jobId, "it answered " + response.statusCode());
            }
            return ApiJson.mapper().readValue(response.body(), OperatorMetricGroupCollection.class);
        } catch (NoLeaderException | JacksonException e) {
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
