package io.tributary.engine.runtime;

import io.tributary.proto.program.Edge;
import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fuses a node into its successor when rows could only ever flow between them one to one:
 * a single FORWARD edge, equal parallelism, no other output of the first and no other input of
 * the second. The fused node runs both operator chains in one subtask, so the rows never cross a
 * queue (no copy, no thread hand-off).
 */
public final class OperatorChaining {
  private OperatorChaining() {}

  public static LogicalProgram apply(LogicalProgram program) {
    LogicalProgram current = program;
    Optional<Edge> chainable;
    while ((chainable = findChainable(current)).isPresent()) {
      current = fuse(current, chainable.get());
    }
    return current;
  }

  private static Optional<Edge> findChainable(LogicalProgram program) {
    Map<Integer, Node> nodes = nodesById(program);
    for (Edge edge : program.getEdgesList()) {
      if (edge.getType() != EdgeType.FORWARD) {
        continue;
      }
      Node upstream = nodes.get(edge.getSourceNode());
      Node downstream = nodes.get(edge.getTargetNode());
      if (upstream.getParallelism() == downstream.getParallelism()
          && outgoing(program, upstream.getNodeId()) == 1
          && incoming(program, downstream.getNodeId()) == 1) {
        return Optional.of(edge);
      }
    }
    return Optional.empty();
  }

  private static LogicalProgram fuse(LogicalProgram program, Edge edge) {
    Map<Integer, Node> nodes = nodesById(program);
    Node upstream = nodes.get(edge.getSourceNode());
    Node downstream = nodes.get(edge.getTargetNode());
    Node fused = upstream.toBuilder()
        .setDescription(upstream.getDescription() + " -> " + downstream.getDescription())
        .addAllOperators(downstream.getOperatorsList())
        .build();

    List<Node> remaining = new ArrayList<>();
    for (Node node : program.getNodesList()) {
      if (node.getNodeId() == upstream.getNodeId()) {
        remaining.add(fused);
      } else if (node.getNodeId() != downstream.getNodeId()) {
        remaining.add(node);
      }
    }
    List<Edge> edges = new ArrayList<>();
    for (Edge e : program.getEdgesList()) {
      if (e.equals(edge)) {
        continue;
      }
      edges.add(e.getSourceNode() == downstream.getNodeId()
          ? e.toBuilder().setSourceNode(upstream.getNodeId()).build()
          : e);
    }
    return program.toBuilder().clearNodes().addAllNodes(remaining).clearEdges().addAllEdges(edges).build();
  }

  private static Map<Integer, Node> nodesById(LogicalProgram program) {
    Map<Integer, Node> nodes = new LinkedHashMap<>();
    program.getNodesList().forEach(node -> nodes.put(node.getNodeId(), node));
    return nodes;
  }

  private static long outgoing(LogicalProgram program, int nodeId) {
    return program.getEdgesList().stream().filter(e -> e.getSourceNode() == nodeId).count();
  }

  private static long incoming(LogicalProgram program, int nodeId) {
    return program.getEdgesList().stream().filter(e -> e.getTargetNode() == nodeId).count();
  }
}
