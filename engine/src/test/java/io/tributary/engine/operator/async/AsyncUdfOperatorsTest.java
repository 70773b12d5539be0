package io.tributary.engine.operator.async;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.engine.batch.BatchBuilder;
import io.tributary.engine.batch.RecordBatch;
import io.tributary.engine.testing.AllocatorTest;
import io.tributary.engine.testing.OperatorTestDriver;
import io.tributary.engine.udf.CompiledUdfs;
import io.tributary.engine.udf.UdfLibrary;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator a program's async UDF step becomes, calling a UDF compiled and loaded apart from the engine. */
class AsyncUdfOperatorsTest extends AllocatorTest {
  private static final Schema INPUT = RecordBatch.schemaWithTimestamp(
      List.of(new Field("x", FieldType.nullable(new ArrowType.Int(64, true)), null)));
  private static final Schema OUTPUT = RecordBatch.schemaWithTimestamp(List.of(
      new Field("x", FieldType.nullable(new ArrowType.Int(64, true)), null),
      new Field("label", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

  @TempDir
  Path directory;

  private UdfLibrary label() {
    return CompiledUdfs.library("label", CompiledUdfs.compile(directory, "Labels", """
        import java.util.concurrent.CompletableFuture;
        public class Labels {
          public static CompletableFuture<String> label(long x) { return CompletableFuture.completedFuture("#" + x); }
        }
        """, "label"));
  }

  private static io.tributary.proto.program.AsyncUdfOperator spec(String udf) {
    return io.tributary.proto.program.AsyncUdfOperator.newBuilder().setUdf(udf).addArgumentFields(0)
        .setOrdered(true).setMaxInFlight(4).setTimeoutMicros(5_000_000).build();
  }

  @Test
  void callsTheUdfPerRowAndAnswersNullForANullPrimitiveArgument() {
    AsyncUdfOperator operator = AsyncUdfOperators.create(spec("label"), label());
    try (OperatorTestDriver driver = OperatorTestDriver.builder(allocator, INPUT)
        .operator("async_1", operator, OUTPUT).build();
        BatchBuilder rows = new BatchBuilder(INPUT, allocator)) {
      rows.addRow(1L, 4L).addRow(2L, (Object) null);
      driver.process(rows.build());
      driver.finish();

      assertThat(driver.outputRows()).containsExactly(List.of(4L, "#4"), Arrays.asList(null, null));
    }
  }

  @Test
  void aMissingOrSynchronousUdfIsRefused() {
    assertThatThrownBy(() -> AsyncUdfOperators.create(spec("other"), label()))
        .hasMessageContaining("'other'");
    UdfLibrary sync = CompiledUdfs.library("plain", CompiledUdfs.compile(directory.resolve("sync"), "Plain",
        "public class Plain { public static long plain(long x) { return x; } }", "plain"));
    assertThatThrownBy(() -> AsyncUdfOperators.create(spec("plain"), sync))
        .hasMessageContaining("does not return a CompletableFuture");
  }
}
