package io.tributary.engine.runtime;

import io.tributary.engine.batch.ArrowTypes;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.proto.program.Edge;
import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import io.tributary.proto.program.Operator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** A validated program's topology: nodes, their edges and the numbering of their inputs. */
final class ProgramPlan {
  /** An edge with its position in the program, which channels use to identify it. */
  record IndexedEdge(int index, Edge edge) {}

  private final Map<Integer, Node> nodes = new LinkedHashMap<>();
  private final Map<Integer, List<IndexedEdge>> incoming = new HashMap<>();
  private final Map<Integer, List<IndexedEdge>> outgoing = new HashMap<>();

  private ProgramPlan(LogicalProgram program) {
    for (Node node : program.getNodesList()) {
      if (nodes.putIfAbsent(node.getNodeId(), node) != null) {
        throw new InvalidProgramException("node id " + node.getNodeId() + " is used twice");
      }
      if (node.getParallelism() <= 0) {
        throw new InvalidProgramException(
            "node " + node.getNodeId() + " has parallelism " + node.getParallelism());
      }
      if (node.getOperatorsCount() == 0) {
        throw new InvalidProgramException("node " + node.getNodeId() + " has no operators");
      }
      for (int i = 1; i < node.getOperatorsCount(); i++) {
        if (node.getOperators(i).hasSource()) {
          throw new InvalidProgramException(
              "source " + node.getOperators(i).getOperatorId() + " is not the first operator of node "
                  + node.getNodeId());
        }
      }
      incoming.put(node.getNodeId(), new ArrayList<>());
      outgoing.put(node.getNodeId(), new ArrayList<>());
    }
    for (int i = 0; i < program.getEdgesCount(); i++) {
      Edge edge = program.getEdges(i);
      Node source = node(edge.getSourceNode(), "edge " + i + " starts at");
      Node target = node(edge.getTargetNode(), "edge " + i + " ends at");
      switch (edge.getType()) {
        case FORWARD -> {
          if (source.getParallelism() != target.getParallelism()) {
            throw new InvalidProgramException(
                "forward edge " + source.getNodeId() + " -> " + target.getNodeId()
                    + " joins parallelism " + source.getParallelism() + " to "
                    + target.getParallelism());
          }
        }
        case SHUFFLE -> {}
        case LEFT_JOIN, RIGHT_JOIN -> {
          if (!target.getOperators(0).hasJoin()) {
            throw new InvalidProgramException(
                "edge " + source.getNodeId() + " -> " + target.getNodeId() + " is a join input, "
                    + "but node " + target.getNodeId() + " does not start with a join");
          }
        }
        default ->
            throw new InvalidProgramException(
                "edge " + source.getNodeId() + " -> " + target.getNodeId() + " has no type");
      }
      outgoing.get(source.getNodeId()).add(new IndexedEdge(i, edge));
      incoming.get(target.getNodeId()).add(new IndexedEdge(i, edge));
    }
    for (Node node : nodes.values()) {
      boolean source = node.getOperators(0).hasSource();
      boolean fed = !incoming.get(node.getNodeId()).isEmpty();
      if (source && fed) {
        throw new InvalidProgramException("source node " + node.getNodeId() + " has incoming edges");
      }
      boolean join = node.getOperators(0).hasJoin();
      for (IndexedEdge edge : incoming.get(node.getNodeId())) {
        boolean joinEdge = edge.edge().getType() == EdgeType.LEFT_JOIN || edge.edge().getType() == EdgeType.RIGHT_JOIN;
        if (join && !joinEdge) {
          throw new InvalidProgramException(
              "join node " + node.getNodeId() + " has an input that is neither LEFT_JOIN nor RIGHT_JOIN");
        }
      }
      if (join && (incoming.get(node.getNodeId()).stream().noneMatch(e -> e.edge().getType() == EdgeType.LEFT_JOIN)
          || incoming.get(node.getNodeId()).stream().noneMatch(e -> e.edge().getType() == EdgeType.RIGHT_JOIN))) {
        throw new InvalidProgramException("join node " + node.getNodeId() + " needs a LEFT_JOIN and a RIGHT_JOIN input");
      }
      for (int i = 1; i < node.getOperatorsCount(); i++) {
        if (node.getOperators(i).hasJoin()) {
          throw new InvalidProgramException(
              "join " + node.getOperators(i).getOperatorId() + " is not the first operator of node " + node.getNodeId());
        }
      }
      if (!source && !fed) {
        throw new InvalidProgramException(
            "node " + node.getNodeId() + " has neither a source nor incoming edges");
      }
    }
    checkAcyclic();
  }

  static ProgramPlan of(LogicalProgram program, Set<SubtaskId> localSubtasks) {
    ProgramPlan plan = new ProgramPlan(program);
    for (SubtaskId id : localSubtasks) {
      Node node = plan.nodes.get(id.nodeId());
      if (node == null || id.subtaskIndex() >= node.getParallelism()) {
        throw new InvalidProgramException("subtask " + id + " does not exist in the program");
      }
    }
    return plan;
  }

  private Node node(int id, String what) {
    Node node = nodes.get(id);
    if (node == null) {
      throw new InvalidProgramException(what + " node " + id + ", which does not exist");
    }
    return node;
  }

  private void checkAcyclic() {
    Map<Integer, Integer> remaining = new HashMap<>();
    ArrayList<Integer> ready = new ArrayList<>();
    for (int id : nodes.keySet()) {
      remaining.put(id, incoming.get(id).size());
      if (incoming.get(id).isEmpty()) {
        ready.add(id);
      }
    }
    int visited = 0;
    while (!ready.isEmpty()) {
      int id = ready.removeLast();
      visited++;
      for (IndexedEdge edge : outgoing.get(id)) {
        int target = edge.edge().getTargetNode();
        if (remaining.merge(target, -1, Integer::sum) == 0) {
          ready.add(target);
        }
      }
    }
    if (visited != nodes.size()) {
      throw new InvalidProgramException("the program's edges form a cycle");
    }
  }

  Node node(int id) {
    return nodes.get(id);
  }

  List<IndexedEdge> incoming(int nodeId) {
    return incoming.get(nodeId);
  }

  List<IndexedEdge> outgoing(int nodeId) {
    return outgoing.get(nodeId);
  }

  /** How many senders feed each subtask of a node. */
  int inputCount(int nodeId) {
    int count = 0;
    for (IndexedEdge edge : incoming(nodeId)) {
      count += edge.edge().getType() == EdgeType.FORWARD ? 1 : node(edge.edge().getSourceNode()).getParallelism();
    }
    return count;
  }

  /** The input index at which a receiver sees sender subtask {@code senderIndex} over an edge. */
  int inputIndex(int nodeId, int edgeIndex, int senderIndex) {
    int base = 0;
    for (IndexedEdge edge : incoming(nodeId)) {
      boolean forward = edge.edge().getType() == EdgeType.FORWARD;
      if (edge.index() == edgeIndex) {
        return forward ? base : base + senderIndex;
      }
      base += forward ? 1 : node(edge.edge().getSourceNode()).getParallelism();
    }
    throw new IllegalArgumentException("edge " + edgeIndex + " does not enter node " + nodeId);
  }

  /** The Arrow schema of an operator's output, ending with {@code _timestamp}. */
  static Schema outputSchema(Operator operator) {
    return withTimestamp(ArrowTypes.toArrow(operator.getOutputSchema()));
  }

  /** Whether a node starts with a two-input operator (a join). */
  boolean isJoin(int nodeId) {
    return node(nodeId).getOperators(0).hasJoin();
  }

  /** For a join node: per input index, 0 for the left input and 1 for the right. */
  int[] inputSides(int nodeId) {
    int[] sides = new int[inputCount(nodeId)];
    int base = 0;
    for (IndexedEdge edge : incoming(nodeId)) {
      int count = edge.edge().getType() == EdgeType.FORWARD ? 1 : node(edge.edge().getSourceNode()).getParallelism();
      int side = edge.edge().getType() == EdgeType.RIGHT_JOIN ? 1 : 0;
      java.util.Arrays.fill(sides, base, base + count, side);
      base += count;
    }
    return sides;
  }

  /** For a join node: the schema of its left (0) or right (1) input. */
  Schema sideSchema(int nodeId, int side) {
    EdgeType type = side == 0 ? EdgeType.LEFT_JOIN : EdgeType.RIGHT_JOIN;
    IndexedEdge edge = incoming(nodeId).stream()
        .filter(e -> e.edge().getType() == type)
        .findFirst()
        .orElseThrow(() -> new InvalidProgramException("join node " + nodeId + " has no " + type + " input"));
    return edgeSchema(edge);
  }

  private Schema edgeSchema(IndexedEdge edge) {
    if (edge.edge().hasSchema() && edge.edge().getSchema().getFieldsCount() > 0) {
      return withTimestamp(ArrowTypes.toArrow(edge.edge().getSchema()));
    }
    Node producer = node(edge.edge().getSourceNode());
    return outputSchema(producer.getOperators(producer.getOperatorsCount() - 1));
  }

  /** The schema a non-source node receives: its first input edge's, else its producer's. */
  Schema inputSchema(int nodeId) {
    if (isJoin(nodeId)) {
      return sideSchema(nodeId, 0);
    }
    return edgeSchema(incoming(nodeId).getFirst());
  }

  static Schema withTimestamp(Schema schema) {
    List<Field> fields = schema.getFields();
    if (!fields.isEmpty() && fields.getLast().getName().equals(ArrowTypes.TIMESTAMP_FIELD)) {
      return schema;
    }
    return RecordBatch.schemaWithTimestamp(fields);
  }
}
