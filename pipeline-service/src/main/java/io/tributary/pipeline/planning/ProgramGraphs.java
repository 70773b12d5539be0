package io.tributary.pipeline.planning;

import io.tributary.api.model.PipelineEdge;
import io.tributary.api.model.PipelineGraph;
import io.tributary.api.model.PipelineNode;
import io.tributary.proto.program.Edge;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import io.tributary.proto.program.Operator;
import java.util.Locale;
import java.util.stream.Collectors;

/** The operator graph of a program as the API and UI show it. */
public final class ProgramGraphs {
    private ProgramGraphs() {}

    public static PipelineGraph graph(LogicalProgram program) {
        var nodes = program.getNodesList().stream().map(ProgramGraphs::node).toList();
        var edges = program.getEdgesList().stream().map(ProgramGraphs::edge).toList();
        return new PipelineGraph(nodes, edges);
    }

    /** How many operators the program runs, for the per-pipeline limit. */
    public static int operatorCount(LogicalProgram program) {
        return program.getNodesList().stream().mapToInt(Node::getOperatorsCount).sum();
    }

    private static PipelineNode node(Node node) {
        String operator = node.getOperatorsList().stream().map(Operator::getName).collect(Collectors.joining(" -> "));
        return new PipelineNode(node.getNodeId(), operator, node.getDescription(), node.getParallelism());
    }

    private static PipelineEdge edge(Edge edge) {
        String keyType = edge.getKeyFieldsList().stream()
                .map(index -> edge.getSchema().getFields(index))
                .map(ProgramGraphs::field)
                .collect(Collectors.joining(", ", "(", ")"));
        String valueType = edge.getSchema().getFieldsList().stream()
                .map(ProgramGraphs::field)
                .collect(Collectors.joining(", ", "{", "}"));
        return new PipelineEdge(edge.getSourceNode(), edge.getTargetNode(), keyType, valueType,
                edge.getType().name().toLowerCase(Locale.ROOT));
    }

    private static String field(Field field) {
        return field.getName() + ": " + field.getType().getKind().name() + (field.getNullable() ? "" : " NOT NULL");
    }
}
