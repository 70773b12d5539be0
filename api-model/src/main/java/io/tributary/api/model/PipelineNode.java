package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

public record PipelineNode(int nodeId, String operator, String description, int parallelism) {
    public PipelineNode {
        requireNonNull(operator, "operator is null");
        requireNonNull(description, "description is null");
    }
}
