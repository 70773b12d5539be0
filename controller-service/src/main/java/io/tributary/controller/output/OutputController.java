package io.tributary.controller.output;

import io.tributary.controller.leader.Leadership;
import io.tributary.controller.store.JobStore;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /internal/v1/jobs/{jobId}/output}: the job's output stream, relayed by the API. Only the
 * leader has it: a standby answers 503.
 */
@RestController
public class OutputController {
    private final OutputHub hub;
    private final JobStore jobs;
    private final Leadership leadership;

    public OutputController(OutputHub hub, JobStore jobs, Leadership leadership) {
        this.hub = hub;
        this.jobs = jobs;
        this.leadership = leadership;
    }

    @GetMapping(path = "/internal/v1/jobs/{jobId}/output", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter output(@PathVariable("jobId") String jobId) {
        leadership.requireLeading("the output of job " + jobId);
        boolean ended = jobs.job(jobId).map(job -> job.state().terminal()).orElse(true);
        return hub.subscribe(jobId, ended);
    }
}
