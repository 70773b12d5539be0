package io.tributary.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tributary.proto.program.Edge;
import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import io.tributary.proto.program.Operator;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorChainingTest {

  @Test
  void forwardPipelineOfEqualParallelismBecomesOneNode() {
    LogicalProgram program = program(
        List.of(node(1, "source", 2), node(2, "projection", 2), node(3, "sink", 2)),
        List.of(edge(1, 2, EdgeType.FORWARD), edge(2, 3, EdgeType.FORWARD)));

    LogicalProgram chained = OperatorChaining.apply(program);

    assertThat(chained.getNodesList()).singleElement().satisfies(node -> {
      assertThat(node.getNodeId()).isEqualTo(1);
      assertThat(node.getParallelism()).isEqualTo(2);
      assertThat(node.getOperatorsList()).extracting(Operator::getName)
          .containsExactly("source", "projection", "sink");
      assertThat(node.getDescription()).isEqualTo("source -> projection -> sink");
    });
    assertThat(chained.getEdgesList()).isEmpty();
  }

  @Test
  void shuffleAndParallelismChangesBreakChains() {
    LogicalProgram program = program(
        List.of(node(1, "source", 1), node(2, "projection", 1), node(3, "aggregate", 2), node(4, "sink", 1)),
        List.of(edge(1, 2, EdgeType.FORWARD), edge(2, 3, EdgeType.SHUFFLE), edge(3, 4, EdgeType.FORWARD)));

    LogicalProgram chained = OperatorChaining.apply(program);

    assertThat(chained.getNodesList()).extracting(Node::getNodeId).containsExactly(1, 3, 4);
    assertThat(chained.getEdgesList()).extracting(Edge::getSourceNode, Edge::getTargetNode)
        .containsExactly(tuple(1, 3), tuple(3, 4));
  }

  @Test
  void fanOutAndFanInAreNotChained() {
    LogicalProgram program = program(
        List.of(node(1, "source", 1), node(2, "left", 1), node(3, "right", 1), node(4, "union", 1)),
        List.of(edge(1, 2, EdgeType.FORWARD), edge(1, 3, EdgeType.FORWARD),
            edge(2, 4, EdgeType.FORWARD), edge(3, 4, EdgeType.FORWARD)));

    assertThat(OperatorChaining.apply(program)).isEqualTo(program);
  }

  private static LogicalProgram program(List<Node> nodes, List<Edge> edges) {
    return LogicalProgram.newBuilder().addAllNodes(nodes).addAllEdges(edges).build();
  }

  private static Node node(int id, String name, int parallelism) {
    return Node.newBuilder()
        .setNodeId(id)
        .setDescription(name)
        .setParallelism(parallelism)
        .addOperators(Operator.newBuilder().setOperatorId(name + "_" + id).setName(name))
        .build();
  }

  private static Edge edge(int from, int to, EdgeType type) {
    return Edge.newBuilder().setSourceNode(from).setTargetNode(to).setType(type).build();
  }
}
