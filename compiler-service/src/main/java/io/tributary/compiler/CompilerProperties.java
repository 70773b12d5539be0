package io.tributary.compiler;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tributary.compiler.*}.
 *
 * @param operatorChaining fuse forward-connected operators into one subtask; off only to look at
 *     every operator on its own (Flink's {@code pipeline.operator-chaining})
 */
@ConfigurationProperties("tributary.compiler")
public record CompilerProperties(@DefaultValue("true") boolean operatorChaining) {}
