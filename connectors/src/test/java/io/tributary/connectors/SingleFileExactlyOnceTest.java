package io.tributary.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.checkpoint.CheckpointCoordinator;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.engine.checkpoint.LocalCheckpointStore;
import io.tributary.connectors.SqlJobs.Controller;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.engine.runtime.ExecutionListener;
import io.tributary.engine.runtime.ExecutionOptions;
import io.tributary.engine.runtime.ExecutionSpec;
import io.tributary.engine.runtime.JobExecution;
import io.tributary.engine.time.ProcessingClock;
import io.tributary.proto.program.DataType;
import io.tributary.proto.program.Edge;
import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.Field;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import io.tributary.proto.program.Operator;
import io.tributary.proto.program.Schema;
import io.tributary.proto.program.SinkOperator;
import io.tributary.proto.program.SourceOperator;
import io.tributary.proto.program.TypeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * single_file → single_file with a checkpoint store: stopped with a checkpoint, or killed after
 * one, and restored at another source parallelism, the output file holds every input line
 * exactly once, in order.
 */
@Timeout(120)
class SingleFileExactlyOnceTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int LINES = 40_000;

  @TempDir
  Path dir;

  private static Schema rows() {
    Schema.Builder schema = Schema.newBuilder();
    schema.addFields(Field.newBuilder().setName("id").setNullable(true).setType(DataType.newBuilder().setKind(TypeKind.INT64)));
    schema.addFields(Field.newBuilder().setName("key").setNullable(true).setType(DataType.newBuilder().setKind(TypeKind.UTF8)));
    schema.addFields(Field.newBuilder().setName("_timestamp").setType(DataType.newBuilder().setKind(TypeKind.TIMESTAMP)));
    return schema.build();
  }

  private static LogicalProgram program(Path input, Path output, int sourceParallelism) {
    Operator source = Operator.newBuilder().setOperatorId("source_1").setName("source").setOutputSchema(rows())
        .setSource(SourceOperator.newBuilder().setTableName("input").setConnector("single_file")
            .putOptions("path", input.toString()))
        .build();
    Operator sink = Operator.newBuilder().setOperatorId("sink_1").setName("sink").setOutputSchema(rows())
        .setSink(SinkOperator.newBuilder().setTableName("output").setConnector("single_file")
            .putOptions("path", output.toString()))
        .build();
    return LogicalProgram.newBuilder()
        .addNodes(Node.newBuilder().setNodeId(1).setParallelism(sourceParallelism).addOperators(source))
        .addNodes(Node.newBuilder().setNodeId(2).setParallelism(1).addOperators(sink))
        .addEdges(Edge.newBuilder().setSourceNode(1).setTargetNode(2).setSchema(rows())
            .setType(sourceParallelism == 1 ? EdgeType.FORWARD : EdgeType.SHUFFLE))
        .build();
  }

  private Path input() throws Exception {
    Path input = dir.resolve("input.json");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < LINES; i++) {
      lines.add("{\"id\": " + i + ", \"key\": \"k" + (i % 7) + "\"}");
    }
    Files.write(input, lines);
    return input;
  }

  private static List<String> expected() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < LINES; i++) {
      lines.add("{\"id\":" + i + ",\"key\":\"k" + (i % 7) + "\"}");
    }
    return lines;
  }

  private Controller controller(CheckpointStore store, LogicalProgram program) {
    return new Controller("job", new CheckpointCoordinator("job", store, ExecutionSpec.allSubtasks(program), 2,
        ProcessingClock.system()), WAIT);
  }

  private static JobExecution start(LogicalProgram program, ExecutionListener listener, CheckpointStore store,
      java.util.OptionalLong restore) {
    ExecutionSpec spec = new ExecutionSpec("job", program, ExecutionSpec.allSubtasks(program), ConnectorRegistry.load(),
        listener, restore);
    return JobExecution.start(spec, ExecutionOptions.defaults().withQueueCapacity(2, 2048).withCheckpointStore(store));
  }

  private List<String> restoreAndRun(Path input, Path output, CheckpointStore store, long epoch) throws Exception {
    LogicalProgram program = program(input, output, 2);
    Controller controller = controller(store, program);
    try (JobExecution job = start(program, controller, store, java.util.OptionalLong.of(epoch))) {
      controller.job.set(job);
      assertThat(job.awaitTermination(WAIT)).isTrue();
    }
    assertThat(controller.failures).isEmpty();
    return Files.readAllLines(output);
  }

  @Test
  void stopWithCheckpointThenRestoreAtAnotherParallelism() throws Exception {
    Path input = input();
    Path output = dir.resolve("out/output.json");
    CheckpointStore store = new LocalCheckpointStore(dir.resolve("checkpoints"));
    LogicalProgram program = program(input, output, 1);
    Controller controller = controller(store, program);
    long stop;
    try (JobExecution job = start(program, controller, store, java.util.OptionalLong.empty())) {
      controller.job.set(job);
      controller.checkpoint(false);
      stop = controller.checkpoint(true);
      assertThat(job.awaitTermination(WAIT)).isTrue();
    }
    assertThat(controller.failures).isEmpty();
    assertThat(expected()).startsWith(Files.readAllLines(output).toArray(String[]::new));

    assertThat(restoreAndRun(input, output, store, stop)).isEqualTo(expected());
  }

  @Test
  void killedAfterACheckpointRestoresWithoutDuplicates() throws Exception {
    Path input = input();
    Path output = dir.resolve("output.json");
    CheckpointStore store = new LocalCheckpointStore(dir.resolve("checkpoints"));
    LogicalProgram program = program(input, output, 1);
    Controller controller = controller(store, program);
    long epoch;
    try (JobExecution job = start(program, controller, store, java.util.OptionalLong.empty())) {
      controller.job.set(job);
      epoch = controller.checkpoint(false);
      // Closing cancels the tasks where they are, as a crash would.
    }
    assertThat(restoreAndRun(input, output, store, epoch)).isEqualTo(expected());
  }
}
