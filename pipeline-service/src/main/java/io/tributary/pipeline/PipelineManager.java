package io.tributary.pipeline;

import io.tributary.api.model.Job;
import io.tributary.api.model.PaginatedCollection;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.PipelinePatch;
import io.tributary.api.model.PipelinePost;
import io.tributary.api.model.QueryError;
import io.tributary.api.model.QueryValidationResult;
import io.tributary.api.model.StopType;
import io.tributary.pipeline.api.ApiException;
import io.tributary.pipeline.planning.ProgramGraphs;
import io.tributary.pipeline.planning.QueryPlanner;
import io.tributary.pipeline.store.JobEntity;
import io.tributary.pipeline.store.JobRepository;
import io.tributary.pipeline.store.PipelineEntity;
import io.tributary.pipeline.store.PipelineRepository;
import io.tributary.pipeline.store.PublicIds;
import io.tributary.proto.program.LogicalProgram;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pipelines and their jobs as the API sees them. Creating a pipeline persists it with a job in
 * state {@code Created}; the controller, polling the shared database, takes it from there.
 */
@Service
public class PipelineManager {
    static final String CREATED = "Created";

    private final QueryPlanner planner;
    private final PipelineRepository pipelines;
    private final JobRepository jobs;
    private final PipelineServiceProperties properties;
    private final Clock clock;

    public PipelineManager(QueryPlanner planner, PipelineRepository pipelines, JobRepository jobs,
            PipelineServiceProperties properties) {
        this.planner = planner;
        this.pipelines = pipelines;
        this.jobs = jobs;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    public QueryValidationResult validate(String query) {
        return switch (planner.plan(query, 1, false)) {
            case QueryPlanner.Result.Planned planned ->
                    new QueryValidationResult(Optional.of(ProgramGraphs.graph(planned.program())), java.util.List.of());
            case QueryPlanner.Result.Failed failed -> new QueryValidationResult(Optional.empty(), failed.errors());
        };
    }

    @Transactional
    public Pipeline create(PipelinePost post) {
        if (post.name().isBlank()) {
            throw ApiException.badRequest("a pipeline needs a name");
        }
        int parallelism = post.parallelism().orElse(1);
        if (parallelism < 1 || parallelism > properties.maxParallelism()) {
            throw ApiException.badRequest("parallelism must be between 1 and " + properties.maxParallelism()
                    + ", got " + parallelism);
        }
        long interval = post.checkpointIntervalMicros().orElse(properties.defaultCheckpointIntervalMicros());
        if (interval <= 0) {
            throw ApiException.badRequest("checkpoint_interval_micros must be positive, got " + interval);
        }
        return persist(post.name(), post.query(), parallelism, interval, false);
    }

    @Transactional
    public Pipeline preview(String query) {
        return persist("preview", query, 1, properties.defaultCheckpointIntervalMicros(), true);
    }

    @Transactional(readOnly = true)
    public PaginatedCollection<Pipeline> list(int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiException.badRequest("limit must be between 1 and 1000, got " + limit);
        }
        var page = pipelines.findByPreviewFalseOrderByCreatedAtDescIdDesc(Limit.of(limit + 1));
        boolean hasMore = page.size() > limit;
        return new PaginatedCollection<>(page.stream().limit(limit).map(this::toPipeline).toList(), hasMore);
    }

    @Transactional(readOnly = true)
    public Pipeline get(String pipelineId) {
        return toPipeline(pipeline(pipelineId));
    }

    @Transactional
    public Pipeline patch(String pipelineId, PipelinePatch patch) {
        PipelineEntity pipeline = pipeline(pipelineId);
        patch.stop().ifPresent(stop -> {
            String mode = stop.name().toLowerCase(Locale.ROOT);
            pipeline.setStop(mode);
            jobs.findFirstByPipelineIdOrderByCreatedAtDesc(pipelineId)
                    .ifPresent(job -> job.desire(mode, nowMicros()));
        });
        return toPipeline(pipeline);
    }

    @Transactional(readOnly = true)
    public PaginatedCollection<Job> jobs(String pipelineId) {
        pipeline(pipelineId);
        return new PaginatedCollection<>(
                jobs.findByPipelineIdOrderByCreatedAtDesc(pipelineId).stream().map(PipelineManager::toJob).toList(),
                false);
    }

    @Transactional(readOnly = true)
    public Job job(String pipelineId, String jobId) {
        return jobs.findByIdAndPipelineId(jobId, pipelineId)
                .map(PipelineManager::toJob)
                .orElseThrow(() -> ApiException.notFound("job of pipeline " + pipelineId, jobId));
    }

    private Pipeline persist(String name, String query, int parallelism, long checkpointIntervalMicros, boolean preview) {
        LogicalProgram program = switch (planner.plan(query, parallelism, preview)) {
            case QueryPlanner.Result.Planned planned -> planned.program();
            case QueryPlanner.Result.Failed failed -> throw ApiException.badRequest(describe(failed));
        };
        int operators = ProgramGraphs.operatorCount(program);
        if (operators > properties.maxOperators()) {
            throw ApiException.badRequest("the query plans to " + operators + " operators; at most "
                    + properties.maxOperators() + " are allowed per pipeline");
        }
        long now = nowMicros();
        var pipeline = pipelines.save(new PipelineEntity(PublicIds.pipelineId(), name, query, parallelism,
                checkpointIntervalMicros, preview, "none", program.toByteArray(), now));
        Long ttl = preview ? properties.previewTtl().toNanos() / 1000 : null;
        jobs.save(new JobEntity(PublicIds.jobId(), pipeline.getId(), CREATED, ttl, now));
        return toPipeline(pipeline);
    }

    private static String describe(QueryPlanner.Result.Failed failed) {
        return failed.errors().stream().map(PipelineManager::describe).collect(Collectors.joining("; "));
    }

    private static String describe(QueryError error) {
        return error.span()
                .map(span -> span.start().line() + ":" + span.start().column() + ": " + error.message())
                .orElse(error.message());
    }

    private PipelineEntity pipeline(String pipelineId) {
        return pipelines.findById(pipelineId).orElseThrow(() -> ApiException.notFound("pipeline", pipelineId));
    }

    private Pipeline toPipeline(PipelineEntity entity) {
        LogicalProgram program;
        try {
            program = LogicalProgram.parseFrom(entity.getProgram());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored program of pipeline " + entity.getId() + " is unreadable", e);
        }
        return new Pipeline(entity.getId(), entity.getName(), entity.getQuery(), entity.getParallelism(),
                entity.getCheckpointIntervalMicros(), StopType.valueOf(entity.getStop().toUpperCase(Locale.ROOT)),
                entity.isPreview(), entity.getCreatedAt(), ProgramGraphs.graph(program));
    }

    static Job toJob(JobEntity job) {
        return new Job(job.getId(), job.isRunningDesired(), job.getState(), job.getRunId(),
                Optional.ofNullable(job.getStartTime()), Optional.ofNullable(job.getFinishTime()),
                Optional.ofNullable(job.getFailureMessage()), job.getCreatedAt());
    }

    private long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
    }
}
