package io.tributary.compiler;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tributary.compiler.*}.
 *
 * @param operatorChaining fuse forward-connected operators into one subtask; off only to look at
 *     every operator on its own (Flink's {@code pipeline.operator-chaining})
 * @param artifactDir where built UDF jars are kept, by content hash ({@code compiler.properties}
 *     puts it under {@code tributary.home})
 * @param maven where the Maven dependencies UDFs declare come from
 * @param artifactUrl where built UDF jars are stored for workers to fetch, when not under
 *     {@code artifactDir}: {@code s3://bucket/prefix?endpoint=…&region=…} (or {@code file:///dir})
 */
@ConfigurationProperties("tributary.compiler")
public record CompilerProperties(@DefaultValue("true") boolean operatorChaining, Path artifactDir,
        @DefaultValue Maven maven, Optional<String> artifactUrl) {
    public CompilerProperties {
        requireNonNull(artifactDir, "tributary.compiler.artifact-dir is not set");
        artifactUrl = artifactUrl == null ? Optional.empty() : artifactUrl.filter(url -> !url.isBlank());
    }

    /** {@code tributary.compiler.maven.*}: the repository UDF dependencies are resolved from. */
    public record Maven(@DefaultValue("https://repo.maven.apache.org/maven2/") URI repositoryUrl) {}
}
