package io.tributary.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tributary.proto.program.Edge;
import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import io.tributary.proto.program.Operator;
import org.junit.jupiter.api.Test;

class OperatorChainingTest {

  @Test
  void forwardPipelineOfEqualParallelismBecomesOneNode() {
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(node(1, "source", 2))
        .addNodes(node(2, "projection", 2))
        .addNodes(node(3, "sink", 2))
        .addEdges(edge(1, 2, EdgeType.FORWARD))
        .addEdges(edge(2, 3, EdgeType.FORWARD))
        .build();

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
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(node(1, "source", 1))
        .addNodes(node(2, "projection", 1))
        .addNodes(node(3, "aggregate", 2))
        .addNodes(node(4, "sink", 1))
        .addEdges(edge(1, 2, EdgeType.FORWARD))
        .addEdges(edge(2, 3, EdgeType.SHUFFLE))
        .addEdges(edge(3, 4, EdgeType.FORWARD))
        .build();

    LogicalProgram chained = OperatorChaining.apply(program);

    assertThat(chained.getNodesList()).extracting(Node::getNodeId).containsExactly(1, 3, 4);
    assertThat(chained.getEdgesList()).extracting(Edge::getSourceNode, Edge::getTargetNode)
        .containsExactly(tuple(1, 3), tuple(3, 4));
  }

  @Test
  void fanOutAndFanInAreNotChained() {
    LogicalProgram program = LogicalProgram.newBuilder()
        .addNodes(node(1, "source", 1))
        .addNodes(node(2, "left", 1))
        .addNodes(node(3, "right", 1))
        .addNodes(node(4, "union", 1))
        .addEdges(edge(1, 2, EdgeType.FORWARD))
        .addEdges(edge(1, 3, EdgeType.FORWARD))
        .addEdges(edge(2, 4, EdgeType.FORWARD))
        .addEdges(edge(3, 4, EdgeType.FORWARD))
        .build();

    assertThat(OperatorChaining.apply(program)).isEqualTo(program);
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
