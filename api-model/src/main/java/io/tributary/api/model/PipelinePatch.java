package io.tributary.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Optional;

/**
 * Arroyo's {@code PATCH /api/v1/pipelines/{id}}: any of a new parallelism (a running job rescales
 * from a checkpoint), a new checkpoint interval (applies to the running job) and a stop request.
 * What the caller leaves out is left as it is, so nothing absent is sent.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record PipelinePatch(
        Optional<Integer> parallelism, Optional<Long> checkpointIntervalMicros, Optional<StopType> stop) {
    public PipelinePatch {
        parallelism = parallelism == null ? Optional.empty() : parallelism;
        checkpointIntervalMicros = checkpointIntervalMicros == null ? Optional.empty() : checkpointIntervalMicros;
        stop = stop == null ? Optional.empty() : stop;
    }

    public static PipelinePatch stop(StopType stop) {
        return new PipelinePatch(Optional.empty(), Optional.empty(), Optional.of(stop));
    }

    public static PipelinePatch parallelism(int parallelism) {
        return new PipelinePatch(Optional.of(parallelism), Optional.empty(), Optional.empty());
    }

    public static PipelinePatch checkpointInterval(long micros) {
        return new PipelinePatch(Optional.empty(), Optional.of(micros), Optional.empty());
    }
}
