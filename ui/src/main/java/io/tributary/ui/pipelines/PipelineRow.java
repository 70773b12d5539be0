package io.tributary.ui.pipelines;

import static java.util.Objects.requireNonNull;

import io.tributary.api.model.Job;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.StopType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A line of the pipelines table: the pipeline and its latest job, if it has one yet. */
record PipelineRow(Pipeline pipeline, Optional<Job> latestJob) {
    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    PipelineRow {
        requireNonNull(pipeline, "pipeline is null");
        requireNonNull(latestJob, "latestJob is null");
    }

    static PipelineRow of(Pipeline pipeline, List<Job> jobs) {
        return new PipelineRow(pipeline, jobs.stream()
                .max(Comparator.comparingLong(Job::createdAt).thenComparingLong(Job::runId)));
    }

    String state() {
        return latestJob.map(Job::state).orElse("—");
    }

    /** API times are epoch microseconds. */
    String created() {
        long micros = pipeline.createdAt();
        return CREATED.format(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L));
    }

    /** A stop already asked for, or a job that has ended, leaves nothing to stop. */
    boolean stoppable() {
        return pipeline.stop() == StopType.NONE && latestJob.map(job -> !job.terminal()).orElse(true);
    }
}
