package io.tributary.pipeline.api;

import io.tributary.api.model.Job;
import io.tributary.api.model.JobLogMessage;
import io.tributary.api.model.PaginatedCollection;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.PipelinePatch;
import io.tributary.api.model.PipelinePost;
import io.tributary.api.model.PipelineRestart;
import io.tributary.api.model.PreviewPost;
import io.tributary.api.model.QueryValidationResult;
import io.tributary.api.model.RestartMode;
import io.tributary.api.model.ValidateQueryPost;
import io.tributary.pipeline.PipelineManager;
import io.tributary.pipeline.output.OutputRelay;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping(path = "/api/v1/pipelines", produces = MediaType.APPLICATION_JSON_VALUE)
public class PipelineController {
    private final PipelineManager manager;
    private final OutputRelay output;

    public PipelineController(PipelineManager manager, OutputRelay output) {
        this.manager = manager;
        this.output = output;
    }

    @PostMapping("/validate_query")
    public QueryValidationResult validateQuery(@RequestBody ValidateQueryPost body) {
        return manager.validate(body.query());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.OK)
    public Pipeline create(@RequestBody PipelinePost body) {
        return manager.create(body);
    }

    @PostMapping("/preview")
    public Pipeline preview(@RequestBody PreviewPost body) {
        return manager.preview(body.query());
    }

    @GetMapping
    public PaginatedCollection<Pipeline> list(
            @RequestParam(name = "starting_after", required = false) Optional<String> startingAfter,
            @RequestParam(name = "limit", defaultValue = "100") int limit) {
        return manager.list(startingAfter, limit);
    }

    /** Creates a pipeline under the id the caller chose; a 409 when one with that id exists. */
    @PutMapping("/{id}")
    public Pipeline createWithId(@PathVariable("id") String id, @RequestBody PipelinePost body) {
        return manager.create(id, body);
    }

    /** Deletes a pipeline with its jobs and their transitions; a 409 while any of its jobs has not ended. */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable("id") String id) {
        manager.delete(id);
    }

    /**
     * Restarts the pipeline's job; the body ({@code {"force": bool, "mode": "safe"|"force"|"ignore_state"}})
     * is optional, {@code safe} by default.
     */
    @PostMapping("/{id}/restart")
    public Pipeline restart(@PathVariable("id") String id, @RequestBody(required = false) PipelineRestart body) {
        return manager.restart(id, body == null ? RestartMode.SAFE : body.restartMode());
    }

    @GetMapping("/{id}")
    public Pipeline get(@PathVariable("id") String id) {
        return manager.get(id);
    }

    @PatchMapping("/{id}")
    public Pipeline patch(@PathVariable("id") String id, @RequestBody PipelinePatch body) {
        return manager.patch(id, body);
    }

    @GetMapping("/{id}/jobs")
    public PaginatedCollection<Job> jobs(@PathVariable("id") String id) {
        return manager.jobs(id);
    }

    @GetMapping("/{id}/jobs/{jobId}/errors")
    public PaginatedCollection<JobLogMessage> errors(@PathVariable("id") String id, @PathVariable("jobId") String jobId) {
        return manager.errors(id, jobId);
    }

    @GetMapping(path = "/{id}/jobs/{jobId}/output", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter output(@PathVariable("id") String id, @PathVariable("jobId") String jobId) {
        manager.job(id, jobId);
        return output.relay(jobId);
    }
}
