package io.tributary.pipeline;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param controllerUrl where the controllers' HTTP APIs are, comma-separated: with a standby, every
 *     controller's, since operator metrics and output streams come from whichever leads
 * @param compilerUrl where the compiler service is (it builds and checks UDFs)
 * @param maxParallelism the largest parallelism a pipeline may ask for
 * @param maxOperators the largest number of operators a planned pipeline may have
 * @param defaultCheckpointIntervalMicros used when a pipeline does not name one
 * @param previewTtl how long a preview pipeline runs before it is stopped
 */
@ConfigurationProperties("tributary.pipeline")
public record PipelineServiceProperties(
        @DefaultValue("http://localhost:8003") List<URI> controllerUrl,
        @DefaultValue("http://localhost:8002") URI compilerUrl,
        @DefaultValue("64") int maxParallelism,
        @DefaultValue("256") int maxOperators,
        @DefaultValue("10000000") long defaultCheckpointIntervalMicros,
        @DefaultValue("60s") Duration previewTtl) {
    public PipelineServiceProperties {
        controllerUrl = List.copyOf(controllerUrl);
        if (controllerUrl.isEmpty()) {
            throw new IllegalArgumentException("tributary.pipeline.controller-url must name at least one controller");
        }
        requireNonNull(compilerUrl, "compilerUrl is null");
        requireNonNull(previewTtl, "previewTtl is null");
        if (maxParallelism < 1 || maxOperators < 1) {
            throw new IllegalArgumentException("tributary.pipeline.max-parallelism and max-operators must be at least 1");
        }
    }
}
