package io.tributary.controller.metrics;

import io.tributary.api.model.OperatorMetricGroupCollection;
import io.tributary.controller.leader.Leadership;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/v1/jobs/{jobId}/operator_metric_groups}: the job's recent metrics, relayed
 * by the API. The controller knows no pipelines: an unknown job has no metrics, not a 404. Only the
 * leader has any: a standby answers 503.
 */
@RestController
public class MetricsController {
    private final MetricsHistory history;
    private final Leadership leadership;

    public MetricsController(MetricsHistory history, Leadership leadership) {
        this.history = history;
        this.leadership = leadership;
    }

    @GetMapping("/internal/v1/jobs/{jobId}/operator_metric_groups")
    public OperatorMetricGroupCollection operatorMetricGroups(@PathVariable("jobId") String jobId) {
        leadership.requireLeading("the operator metrics of job " + jobId);
        return new OperatorMetricGroupCollection(history.groups(jobId));
    }
}
