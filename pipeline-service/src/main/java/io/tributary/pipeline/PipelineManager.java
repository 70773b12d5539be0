package io.tributary.pipeline;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tributary.api.model.Job;
import io.tributary.api.model.JobLogLevel;
import io.tributary.api.model.JobLogMessage;
import io.tributary.api.model.PaginatedCollection;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.PipelinePatch;
import io.tributary.api.model.PipelinePost;
import io.tributary.api.model.QueryError;
import io.tributary.api.model.QueryValidationResult;
import io.tributary.api.model.RestartMode;
import io.tributary.api.model.StopType;
import io.tributary.engine.checkpoint.CheckpointStoreException;
import io.tributary.engine.checkpoint.CheckpointStores;
import io.tributary.pipeline.api.ApiException;
import io.tributary.pipeline.connectors.ConnectionTables;
import io.tributary.pipeline.planning.ProgramGraphs;
import io.tributary.pipeline.planning.QueryPlanner;
import io.tributary.pipeline.registry.SinkSchemaRegistrar;
import io.tributary.pipeline.store.JobEntity;
import io.tributary.pipeline.store.JobRepository;
import io.tributary.pipeline.store.PipelineEntity;
import io.tributary.pipeline.store.PipelineRepository;
import io.tributary.pipeline.store.PublicIds;
import io.tributary.proto.program.LogicalProgram;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pipelines and their jobs as the API sees them. Creating a pipeline persists it with a job in
 * state {@code Created}; the controller, polling the shared database, takes it from there.
 */
@Service
public class PipelineManager {
    static final String CREATED = "Created";
    /** Job states the controller leaves alone (unless asked to run again). */
    static final Set<String> TERMINAL = Set.of("Stopped", "Finished", "Failed");
    /** Job states on the way to an end, which a restart does not cut short. */
    static final Set<String> ENDING = Set.of("CheckpointStopping", "Stopping", "Finishing", "Failing");
    /** Ids a caller may choose with {@code PUT /api/v1/pipelines/{id}}. */
    private static final Pattern CHOSEN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final QueryPlanner planner;
    private final PipelineRepository pipelines;
    private final JobRepository jobs;
    private final PipelineServiceProperties properties;
    private final JdbcClient jdbc;
    private final ConnectionTables connectionTables;
    private final SinkSchemaRegistrar registrar;
    private final Clock clock;

    public PipelineManager(QueryPlanner planner, PipelineRepository pipelines, JobRepository jobs,
            PipelineServiceProperties properties, JdbcClient jdbc, ConnectionTables connectionTables,
            SinkSchemaRegistrar registrar) {
        this.planner = planner;
        this.registrar = registrar;
        this.connectionTables = connectionTables;
        this.pipelines = pipelines;
        this.jobs = jobs;
        this.properties = properties;
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    public QueryValidationResult validate(String query) {
        return switch (planner.plan(query, 1, false)) {
            case QueryPlanner.Result.Planned planned ->
                    new QueryValidationResult(Optional.of(ProgramGraphs.graph(planned.program())), List.of());
            case QueryPlanner.Result.Failed failed -> new QueryValidationResult(Optional.empty(), failed.errors());
        };
    }

    @Transactional
    public Pipeline create(PipelinePost post) {
        return create(PublicIds.pipelineId(), post);
    }

    /** Creates a pipeline under an id the caller chose; a 409 when that id is taken. */
    @Transactional
    public Pipeline create(String pipelineId, PipelinePost post) {
        if (!CHOSEN_ID.matcher(pipelineId).matches()) {
            throw ApiException.badRequest("a pipeline id is 1 to 64 letters, digits, '_' or '-', not '"
                    + pipelineId + "'");
        }
        if (pipelines.existsById(pipelineId)) {
            throw ApiException.conflict("a pipeline with id '" + pipelineId + "' exists already");
        }
        if (post.name().isBlank()) {
            throw ApiException.badRequest("a pipeline needs a name");
        }
        int parallelism = checkParallelism(post.parallelism().orElse(1));
        long interval = checkInterval(post.checkpointIntervalMicros().orElse(properties.defaultCheckpointIntervalMicros()));
        post.stateUrl().ifPresent(PipelineManager::checkStateUrl);
        return persist(pipelineId, post.name(), post.query(), parallelism, interval, post.stateUrl(), false);
    }

    @Transactional
    public Pipeline preview(String query) {
        return persist(PublicIds.pipelineId(), "preview", query, 1, properties.defaultCheckpointIntervalMicros(),
                Optional.empty(), true);
    }

    @Transactional(readOnly = true)
    public PaginatedCollection<Pipeline> list(int limit) {
        return list(Optional.empty(), limit);
    }

    /**
     * Pipelines but previews, newest first: at most {@code limit} of those after the pipeline
     * {@code startingAfter} (the last id of the previous page).
     */
    @Transactional(readOnly = true)
    public PaginatedCollection<Pipeline> list(Optional<String> startingAfter, int limit) {
        checkLimit(limit);
        List<PipelineEntity> page = startingAfter
                .map(id -> pipelines.findById(id).filter(pipeline -> !pipeline.isPreview())
                        .orElseThrow(() -> ApiException.badRequest("starting_after names no pipeline: '" + id + "'")))
                .map(after -> pipelines.findNonPreviewNewestFirstAfter(after.getCreatedAt(), after.getId(),
                        Limit.of(limit + 1)))
                .orElseGet(() -> pipelines.findByPreviewFalseOrderByCreatedAtDescIdDesc(Limit.of(limit + 1)));
        return new PaginatedCollection<>(page.stream().limit(limit).map(this::toPipeline).toList(),
                page.size() > limit);
    }

    /** Jobs of all pipelines but previews, newest first, a page at a time like {@link #list(Optional, int)}. */
    @Transactional(readOnly = true)
    public PaginatedCollection<Job> allJobs(Optional<String> startingAfter, int limit) {
        checkLimit(limit);
        List<JobEntity> page = startingAfter
                .map(id -> jobs.findById(id)
                        .orElseThrow(() -> ApiException.badRequest("starting_after names no job: '" + id + "'")))
                .map(after -> jobs.findNonPreviewNewestFirstAfter(after.getCreatedAt(), after.getId(),
                        Limit.of(limit + 1)))
                .orElseGet(() -> jobs.findNonPreviewNewestFirst(Limit.of(limit + 1)));
        return new PaginatedCollection<>(page.stream().limit(limit).map(PipelineManager::toJob).toList(),
                page.size() > limit);
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiException.badRequest("limit must be between 1 and 1000, got " + limit);
        }
    }

    /**
     * Deletes the pipeline, its jobs and their transitions. Only once every job has ended
     * (Stopped, Finished or Failed): the controller may still be running one otherwise.
     */
    @Transactional
    public void delete(String pipelineId) {
        pipeline(pipelineId);
        List<JobEntity> all = jobs.findByPipelineIdOrderByCreatedAtDesc(pipelineId);
        all.stream().filter(job -> !TERMINAL.contains(job.getState())).findFirst().ifPresent(job -> {
            throw ApiException.conflict("pipeline " + pipelineId + " cannot be deleted while its job " + job.getId()
                    + " is " + job.getState() + "; stop it first (PATCH /api/v1/pipelines/" + pipelineId
                    + " with {\"stop\": \"checkpoint\"}) and wait until it has stopped");
        });
        jdbc.sql("DELETE FROM job_transitions WHERE job_id IN (SELECT id FROM jobs WHERE pipeline_id = :id)")
                .param("id", pipelineId)
                .update();
        // Guarded by state as well, in case the controller moved a job on since we looked.
        int deleted = jdbc.sql("DELETE FROM jobs WHERE pipeline_id = :id AND state IN ('Stopped', 'Finished', 'Failed')")
                .param("id", pipelineId)
                .update();
        if (deleted != all.size()) {
            throw ApiException.conflict("a job of pipeline " + pipelineId + " changed state while it was being "
                    + "deleted; nothing was deleted, try again once it has stopped");
        }
        jdbc.sql("DELETE FROM pipelines WHERE id = :id").param("id", pipelineId).update();
    }

    /**
     * Asks the controller to restart the pipeline's latest job, recording the request (mode and
     * time) with {@code stop = none}, running desired. A running job (or one on its way to running)
     * goes {@code Restarting}: {@code safe} takes a final checkpoint that the new run restores,
     * {@code force} cancels the tasks and restores the latest completed checkpoint, {@code
     * ignore_state} cancels them and starts with empty state. A Stopped or Failed job runs again from
     * its latest checkpoint, or with empty state for {@code ignore_state}. A Finished job has
     * consumed its bounded input and is not restarted, and a job on its way to an end is left to
     * get there (409s).
     */
    @Transactional
    public Pipeline restart(String pipelineId, RestartMode mode) {
        PipelineEntity pipeline = pipeline(pipelineId);
        JobEntity job = jobs.findFirstByPipelineIdOrderByCreatedAtDesc(pipelineId)
                .orElseThrow(() -> ApiException.conflict("pipeline " + pipelineId + " has no job to restart"));
        String state = job.getState();
        if (state.equals("Finished")) {
            throw ApiException.conflict("job " + job.getId() + " of pipeline " + pipelineId + " has Finished: its "
                    + "bounded input is consumed; create a new pipeline to run the query again");
        }
        if (ENDING.contains(state)) {
            throw ApiException.conflict("job " + job.getId() + " of pipeline " + pipelineId + " is " + state
                    + "; restart it once it has ended");
        }
        pipeline.setStop("none");
        job.requestRestart(mode.name().toLowerCase(Locale.ROOT), nowMicros());
        return toPipeline(pipeline);
    }

    /**
     * The job's log: every task failure the controller saw (table {@code job_log}), oldest first,
     * then the failure that ended the job, if one did.
     */
    @Transactional(readOnly = true)
    public PaginatedCollection<JobLogMessage> errors(String pipelineId, String jobId) {
        JobEntity job = jobs.findByIdAndPipelineId(jobId, pipelineId)
                .orElseThrow(() -> ApiException.notFound("job of pipeline " + pipelineId, jobId));
        List<JobLogMessage> entries = new ArrayList<>(jdbc.sql("""
                        SELECT id, created_at, operator_id, task_index, level, message, details
                        FROM job_log WHERE job_id = :job ORDER BY id""")
                .param("job", jobId)
                .query((rs, row) -> {
                    long taskIndex = rs.getLong("task_index");
                    Optional<Long> task = rs.wasNull() ? Optional.empty() : Optional.of(taskIndex);
                    return new JobLogMessage("log_" + rs.getLong("id"), rs.getLong("created_at"),
                            Optional.ofNullable(rs.getString("operator_id")), task,
                            JobLogLevel.valueOf(rs.getString("level").toUpperCase(Locale.ROOT)), rs.getString("message"),
                            rs.getString("details"));
                })
                .list());
        if (job.getFailureMessage() != null) {
            long at = job.getFinishTime() != null ? job.getFinishTime() : job.getUpdatedAt();
            entries.add(new JobLogMessage(job.getId() + "-run" + job.getRunId() + "-failure", at, Optional.empty(),
                    Optional.empty(), JobLogLevel.ERROR, job.getFailureMessage(),
                    "run " + job.getRunId() + " of the job ended " + job.getState()));
        }
        return new PaginatedCollection<>(entries, false);
    }

    @Transactional(readOnly = true)
    public Pipeline get(String pipelineId) {
        return toPipeline(pipeline(pipelineId));
    }

    private int checkParallelism(int parallelism) {
        if (parallelism < 1 || parallelism > properties.maxParallelism()) {
            throw ApiException.badRequest("parallelism must be between 1 and " + properties.maxParallelism()
                    + ", got " + parallelism);
        }
        return parallelism;
    }

    private static long checkInterval(long interval) {
        if (interval <= 0) {
            throw ApiException.badRequest("checkpoint_interval_micros must be positive, got " + interval);
        }
        return interval;
    }

    /**
     * A new parallelism replans the query for it; the controller sees the job's parallelism differ
     * from its run's and rescales (a checkpoint, then a restart that restores it). A new checkpoint
     * interval applies to the running job from its next checkpoint.
     */
    @Transactional
    public Pipeline patch(String pipelineId, PipelinePatch patch) {
        PipelineEntity pipeline = pipeline(pipelineId);
        patch.parallelism().map(this::checkParallelism).filter(parallelism -> parallelism != pipeline.getParallelism())
                .ifPresent(parallelism -> {
                    if (pipeline.isPreview()) {
                        throw ApiException.badRequest("a preview pipeline cannot change its parallelism");
                    }
                    pipeline.replan(parallelism, plan(pipeline.getQuery(), parallelism, false).program().toByteArray());
                });
        patch.checkpointIntervalMicros().map(PipelineManager::checkInterval)
                .ifPresent(pipeline::setCheckpointIntervalMicros);
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

    /** Plans the query within the limits, or says why not with a 400. */
    private QueryPlanner.Result.Planned plan(String query, int parallelism, boolean preview) {
        QueryPlanner.Result.Planned planned = switch (planner.plan(query, parallelism, preview)) {
            case QueryPlanner.Result.Planned done -> done;
            case QueryPlanner.Result.Failed failed -> throw ApiException.badRequest(describe(failed));
        };
        int operators = ProgramGraphs.operatorCount(planned.program());
        if (operators > properties.maxOperators()) {
            throw ApiException.badRequest("the query plans to " + operators + " operators; at most "
                    + properties.maxOperators() + " are allowed per pipeline");
        }
        return planned;
    }

    /** A 400 unless the controller will be able to open the store ({@code file:} or {@code s3:}). */
    private static void checkStateUrl(String url) {
        try {
            CheckpointStores.check(url);
        } catch (CheckpointStoreException e) {
            throw ApiException.badRequest("state_url: " + e.getMessage());
        }
    }

    private Pipeline persist(String pipelineId, String name, String query, int parallelism, long checkpointIntervalMicros,
            Optional<String> stateUrl, boolean preview) {
        QueryPlanner.Result.Planned planned = plan(query, parallelism, preview);
        LogicalProgram program = planned.program();
        if (!preview) {
            registrar.register(program);
        }
        long now = nowMicros();
        var pipeline = pipelines.save(new PipelineEntity(pipelineId, name, query, parallelism,
                checkpointIntervalMicros, preview, "none", program.toByteArray(), now));
        Long ttl = preview ? properties.previewTtl().toNanos() / 1000 : null;
        jobs.save(new JobEntity(PublicIds.jobId(), pipeline.getId(), CREATED, ttl, stateUrl, now));
        // Previews come and go (and are never deleted through the API): they do not pin tables.
        if (!preview) {
            pipelines.flush();
            connectionTables.recordUse(pipeline.getId(), planned.connectionTableIds());
        }
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
