package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

/** An edge of the operator graph; {@code edgeType} is {@code forward}, {@code shuffle}, {@code left_join} or {@code right_join}. */
public record PipelineEdge(int srcId, int destId, String keyType, String valueType, String edgeType) {
    public PipelineEdge {
        requireNonNull(keyType, "keyType is null");
        requireNonNull(valueType, "valueType is null");
        requireNonNull(edgeType, "edgeType is null");
    }
}
