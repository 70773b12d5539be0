package io.tributary.bench;

import io.tributary.engine.connector.Connector;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.engine.connector.Sink;
import io.tributary.engine.connector.SinkContext;
import io.tributary.engine.runtime.ExecutionListener;
import io.tributary.engine.runtime.ExecutionOptions;
import io.tributary.engine.runtime.ExecutionSpec;
import io.tributary.engine.runtime.JobExecution;
import io.tributary.engine.runtime.SubtaskId;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.sql.PlanOutcome;
import io.tributary.sql.PlannerOptions;
import io.tributary.sql.TributarySql;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Runs one Nexmark query file with Tributary to completion into a counting blackhole sink and
 * prints one {@code RESULT {json}} line.
 *
 * <pre>
 * usage: NexmarkRunner --query bench/queries/file/q0.sql [--ddl bench/queries/file/ddl.sql]
 *                      [--set KEY=VALUE ...] [-p 1] [--events N] [--explain] [--tag T]
 * </pre>
 *
 * The query text may contain {@code ${KEY}} placeholders, filled from {@code --set KEY=VALUE};
 * a {@code --ddl} file is prepended. {@code --events} is the number of input events, used only
 * to compute rates (the sink counts output rows itself).
 */
public final class NexmarkRunner {
  private NexmarkRunner() {}

  /** The built-in blackhole, but counting the rows it drops. */
  static final class CountingBlackhole implements Connector {
    final LongAdder rows = new LongAdder();

    @Override
    public String name() {
      return "blackhole";
    }

    @Override
    public Sink createSink(SinkContext context) {
      return batch -> rows.add(batch.rowCount());
    }
  }

  static final class Listener implements ExecutionListener {
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void taskStarted(SubtaskId task) {}

    @Override
    public void taskFinished(SubtaskId task) {}

    @Override
    public void taskFailed(SubtaskId task, String operatorId, String message, String details) {
      failures.add(task + " " + operatorId + ": " + message + (details == null ? "" : "\n" + details));
    }

    @Override
    public void previewRows(String operatorId, int subtaskIndex, List<String> jsonRows, List<Long> ts) {}

    @Override
    public void previewFinished(String operatorId, int subtaskIndex) {}
  }

  public static void main(String[] args) throws Exception {
    long jvmStartMs = ManagementFactory.getRuntimeMXBean().getStartTime();
    String query = null;
    String ddl = null;
    String tag = "";
    int parallelism = 1;
    long events = 0;
    boolean explain = false;
    Map<String, String> vars = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--query" -> query = args[++i];
        case "--ddl" -> ddl = args[++i];
        case "--tag" -> tag = args[++i];
        case "-p", "--parallelism" -> parallelism = Integer.parseInt(args[++i]);
        case "--events" -> events = parseCount(args[++i]);
        case "--explain" -> explain = true;
        case "--set" -> {
          String kv = args[++i];
          int eq = kv.indexOf('=');
          vars.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (query == null) {
      throw new IllegalArgumentException("--query is required");
    }
    String sql = (ddl == null ? "" : Files.readString(Path.of(ddl)) + "\n") + Files.readString(Path.of(query));
    for (Map.Entry<String, String> v : vars.entrySet()) {
      sql = sql.replace("${" + v.getKey() + "}", v.getValue());
    }

    long planStart = System.nanoTime();
    PlanOutcome outcome = TributarySql.plan(sql, PlannerOptions.defaults().withParallelism(parallelism));
    long planNanos = System.nanoTime() - planStart;
    if (outcome instanceof PlanOutcome.Failed failed) {
      System.out.println("PLAN FAILED for " + query);
      failed.errors().forEach(d -> System.out.println("  " + d));
      System.exit(2);
    }
    LogicalProgram program = ((PlanOutcome.Planned) outcome).program();
    if (explain) {
      System.out.println(program);
      return;
    }

    CountingBlackhole blackhole = new CountingBlackhole();
    List<Connector> connectors = new ArrayList<>();
    ConnectorRegistry builtIn = ConnectorRegistry.load();
    for (String name : builtIn.names()) {
      if (!name.equals("blackhole")) {
        connectors.add(builtIn.connector(name));
      }
    }
    connectors.add(blackhole);
    ConnectorRegistry registry = ConnectorRegistry.of(connectors);

    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Listener listener = new Listener();
    long cpuBefore = os.getProcessCpuTime();
    long start = System.nanoTime();
    try (BufferAllocator allocator = new RootAllocator()) {
      try (JobExecution job = JobExecution.start(
          new ExecutionSpec("bench", program, ExecutionSpec.allSubtasks(program), registry, listener),
          ExecutionOptions.defaults().withParentAllocator(allocator))) {
        if (!job.awaitTermination(Duration.ofHours(2))) {
          throw new IllegalStateException("job did not finish");
        }
      }
    }
    long wallNanos = System.nanoTime() - start;
    long cpuNanos = os.getProcessCpuTime() - cpuBefore;
    long cpuTotalNanos = os.getProcessCpuTime();
    if (!listener.failures.isEmpty()) {
      System.out.println("JOB FAILED");
      listener.failures.forEach(System.out::println);
      System.exit(3);
    }
    double wall = wallNanos / 1e9;
    double cpu = cpuNanos / 1e9;
    double cpuTotal = cpuTotalNanos / 1e9;
    long rssKb = procStatusKb("VmHWM");
    long sinceJvmMs = System.currentTimeMillis() - jvmStartMs;
    String json = String.format(Locale.ROOT,
        "{\"engine\":\"tributary\",\"tag\":\"%s\",\"query\":\"%s\",\"parallelism\":%d,\"events\":%d,"
            + "\"output_rows\":%d,\"plan_ms\":%d,\"wall_s\":%.3f,\"events_per_s\":%.0f,"
            + "\"cpu_s\":%.3f,\"events_per_cpu_s\":%.0f,\"process_cpu_s\":%.3f,"
            + "\"events_per_process_cpu_s\":%.0f,\"since_jvm_start_ms\":%d,\"peak_rss_mb\":%d}",
        tag, Path.of(query).getFileName(), parallelism, events, blackhole.rows.sum(), planNanos / 1_000_000,
        wall, events / wall, cpu, events / cpu, cpuTotal, events / cpuTotal, sinceJvmMs, rssKb / 1024);
    System.out.println("RESULT " + json);
  }

  static long parseCount(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    long mult = 1;
    if (t.endsWith("k")) {
      mult = 1_000;
    } else if (t.endsWith("m")) {
      mult = 1_000_000;
    }
    if (mult != 1) {
      t = t.substring(0, t.length() - 1);
    }
    return (long) (Double.parseDouble(t) * mult);
  }

  static long procStatusKb(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key + ":")) {
          return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
