package io.tributary.pipeline.api;

import io.tributary.api.model.ConnectorCollection;
import io.tributary.api.model.Job;
import io.tributary.api.model.PaginatedCollection;
import io.tributary.pipeline.PipelineManager;
import io.tributary.pipeline.connectors.ConnectorCatalog;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The endpoints under {@code /api/v1} that belong to no single pipeline. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class SystemController {
    private final PipelineManager manager;
    private final ConnectorCatalog connectors;

    public SystemController(PipelineManager manager, ConnectorCatalog connectors) {
        this.manager = manager;
        this.connectors = connectors;
    }

    /**
     * Arroyo's liveness answer: the JSON string {@code "Pong"}. Written out here, quotes included,
     * because Spring sends a returned {@code String} as it is rather than as JSON.
     */
    @GetMapping("/ping")
    public String ping() {
        return "\"Pong\"";
    }

    @GetMapping("/connectors")
    public ConnectorCollection connectors() {
        return connectors.connectors();
    }

    /** The jobs of all pipelines but previews, newest first, a page at a time. */
    @GetMapping("/jobs")
    public PaginatedCollection<Job> jobs(
            @RequestParam(name = "starting_after", required = false) Optional<String> startingAfter,
            @RequestParam(name = "limit", defaultValue = "100") int limit) {
        return manager.allJobs(startingAfter, limit);
    }
}
