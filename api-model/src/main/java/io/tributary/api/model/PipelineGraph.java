package io.tributary.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

public record PipelineGraph(List<PipelineNode> nodes, List<PipelineEdge> edges) {
    public PipelineGraph {
        nodes = List.copyOf(requireNonNull(nodes, "nodes is null"));
        edges = List.copyOf(requireNonNull(edges, "edges is null"));
    }
}
