package io.tributary.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.TextFormat;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.engine.runtime.ExecutionOptions;
import io.tributary.engine.runtime.ExecutionSpec;
import io.tributary.engine.runtime.JobExecution;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import io.tributary.proto.program.Operator;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A windowed FULL join planned by the sql module (the program is stored as text in
 * {@code programs/windowed_full_join.txtpb}, with the SQL it came from in its header), run from two
 * JSON files into a single_file sink.
 */
@Timeout(60)
class JoinEndToEndTest {
  @TempDir
  Path dir;

  private LogicalProgram program(Path orders, Path payments, Path out) throws Exception {
    String text;
    try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/programs/windowed_full_join.txtpb"))) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    LogicalProgram.Builder program = LogicalProgram.newBuilder();
    TextFormat.merge(text, program);
    for (Node.Builder node : program.getNodesBuilderList()) {
      for (Operator.Builder operator : node.getOperatorsBuilderList()) {
        if (operator.hasSource()) {
          String path = operator.getSource().getOptionsOrThrow("path");
          operator.getSourceBuilder().putOptions("path",
              (path.endsWith("orders.json") ? orders : payments).toString());
        }
        if (operator.hasSink()) {
          operator.getSinkBuilder().putOptions("path", out.toString());
        }
      }
    }
    return program.build();
  }

  @Test
  void windowedFullJoinFromTwoFilesIntoAFile() throws Exception {
    Path orders = dir.resolve("orders.json");
    Path payments = dir.resolve("payments.json");
    Path out = dir.resolve("out/joined.json");
    Files.writeString(orders, String.join("\n",
        "{\"k\":\"a\",\"amount\":5,\"ts\":\"2023-10-09T17:13:41\"}",
        "{\"k\":\"b\",\"amount\":1,\"ts\":\"2023-10-09T17:13:42\"}",
        "{\"k\":\"a\",\"amount\":50,\"ts\":\"2023-10-09T17:13:45\"}",
        "{\"k\":\"c\",\"amount\":3,\"ts\":\"2023-10-09T17:13:55\"}") + "\n");
    Files.writeString(payments, String.join("\n",
        "{\"k\":\"b\",\"paid\":0,\"ts\":\"2023-10-09T17:13:43\"}",
        "{\"k\":\"a\",\"paid\":10,\"ts\":\"2023-10-09T17:13:48\"}",
        "{\"k\":\"d\",\"paid\":7,\"ts\":\"2023-10-09T17:14:02\"}") + "\n");
    LogicalProgram program = program(orders, payments, out);
    ConnectorsEndToEndTest.Listener listener = new ConnectorsEndToEndTest.Listener();
    try (BufferAllocator allocator = new RootAllocator()) {
      try (JobExecution job = JobExecution.start(
          new ExecutionSpec("job", program, ExecutionSpec.allSubtasks(program), ConnectorRegistry.load(), listener),
          ExecutionOptions.defaults().withParentAllocator(allocator))) {
        assertThat(job.awaitTermination(Duration.ofSeconds(30))).isTrue();
      }
      assertThat(listener.failures).isEmpty();
      assertThat(allocator.getAllocatedMemory()).isZero();
    }
    String w40 = "\"2023-10-09T17:13:40\"";
    String w50 = "\"2023-10-09T17:13:50\"";
    assertThat(Files.readAllLines(out)).containsExactlyInAnyOrder(
        "{\"window_start\":" + w40 + ",\"paid_window_end\":" + w50 + ",\"k\":\"a\",\"pk\":\"a\",\"amount\":5,\"paid\":10}",
        "{\"window_start\":" + w40 + ",\"paid_window_end\":null,\"k\":\"a\",\"pk\":null,\"amount\":50,\"paid\":null}",
        "{\"window_start\":" + w40 + ",\"paid_window_end\":null,\"k\":\"b\",\"pk\":null,\"amount\":1,\"paid\":null}",
        "{\"window_start\":" + w40 + ",\"paid_window_end\":" + w50 + ",\"k\":null,\"pk\":\"b\",\"amount\":null,\"paid\":0}",
        "{\"window_start\":" + w50 + ",\"paid_window_end\":null,\"k\":\"c\",\"pk\":null,\"amount\":3,\"paid\":null}",
        "{\"window_start\":\"2023-10-09T17:14:00\",\"paid_window_end\":\"2023-10-09T17:14:10\",\"k\":null,\"pk\":\"d\","
            + "\"amount\":null,\"paid\":7}");
  }
}
