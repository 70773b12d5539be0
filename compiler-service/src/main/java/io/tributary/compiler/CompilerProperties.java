package io.tributary.compiler;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tributary.compiler.*}.
 *
 * @param operatorChaining fuse forward-connected operators into one subtask; off only to look at
 *     every operator on its own (Flink's {@code pipeline.operator-chaining})
 * @param artifactDir where built UDF jars are kept, by content hash ({@code compiler.properties}
 *     puts it under {@code tributary.home})
 */
@ConfigurationProperties("tributary.compiler")
public record CompilerProperties(@DefaultValue("true") boolean operatorChaining, Path artifactDir) {
    public CompilerProperties {
        requireNonNull(artifactDir, "tributary.compiler.artifact-dir is not set");
    }
}
