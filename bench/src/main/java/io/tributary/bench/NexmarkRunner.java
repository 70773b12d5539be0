package io.tributary.bench;

import io.tributary.engine.checkpoint.CheckpointCoordinator;
import io.tributary.engine.checkpoint.CheckpointPaths;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.engine.checkpoint.LocalCheckpointStore;
import io.tributary.engine.connector.Connector;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.engine.connector.Sink;
import io.tributary.engine.connector.SinkContext;
import io.tributary.engine.runtime.ExecutionListener;
import io.tributary.engine.runtime.ExecutionOptions;
import io.tributary.engine.runtime.ExecutionSpec;
import io.tributary.engine.runtime.JobExecution;
import io.tributary.engine.runtime.OperatorChaining;
import io.tributary.engine.runtime.SubtaskId;
import io.tributary.engine.time.ProcessingClock;
import io.tributary.proto.checkpoint.SubtaskCheckpoint;
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
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Runs one Nexmark query file with Tributary to completion into a counting blackhole sink and
 * prints one {@code RESULT {json}} line.
 *
 * <pre>
 * usage: NexmarkRunner --query bench/queries/file/q0.sql [--ddl bench/queries/file/ddl.sql]
 *                      [--set KEY=VALUE ...] [-p 1] [--events N] [--explain] [--tag T] [--no-chaining]
 *                      [--checkpoint-interval-ms MS --checkpoint-dir DIR]
 * </pre>
 *
 * The query text may contain {@code ${KEY}} placeholders, filled from {@code --set KEY=VALUE};
 * a {@code --ddl} file is prepended. {@code --events} is the number of input events, used only
 * to compute rates (the sink counts output rows itself). With {@code --checkpoint-interval-ms},
 * a {@link LocalCheckpointStore} in {@code --checkpoint-dir} and a coordinator loop take a
 * checkpoint every interval, as the controller's supervisor does (one in flight at a time, the
 * last 3 kept), and the result reports how many completed and how long they took.
 *
 * <p>The program is chained ({@link OperatorChaining}) as compiler-service does for every job
 * by default, so the run measures what a worker runs; {@code --no-chaining} runs every node in
 * its own subtask, as compiler-service does when its operator chaining is switched off.
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
    /** Set when the run checkpoints: completes checkpoints and lets the job commit them. */
    volatile CheckpointCoordinator coordinator;
    final AtomicReference<JobExecution> job = new AtomicReference<>();
    final List<Long> checkpointMicros = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void checkpointed(SubtaskCheckpoint report) {
      coordinator.acknowledge(report).ifPresent(metadata -> {
        checkpointMicros.add(metadata.getFinishedMicros() - metadata.getStartedMicros());
        job.get().commitCheckpoint(metadata.getEpoch());
      });
    }

    @Override
    public void taskFailed(SubtaskId task, String operatorId, String message, String details) {
      failures.add(task + " " + operatorId + ": " + message + (details == null ? "" : "\n" + details));
    }
  }

  public static void main(String[] args) throws Exception {
    long jvmStartMs = ManagementFactory.getRuntimeMXBean().getStartTime();
    String query = null;
    String ddl = null;
    String tag = "";
    int parallelism = 1;
    long events = 0;
    boolean explain = false;
    boolean chaining = true;
    long checkpointIntervalMs = 0;
    Path checkpointDir = null;
    Map<String, String> vars = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--query" -> query = args[++i];
        case "--ddl" -> ddl = args[++i];
        case "--tag" -> tag = args[++i];
        case "-p", "--parallelism" -> parallelism = Integer.parseInt(args[++i]);
        case "--events" -> events = parseCount(args[++i]);
        case "--explain" -> explain = true;
        case "--no-chaining" -> chaining = false;
        case "--checkpoint-interval-ms" -> checkpointIntervalMs = Long.parseLong(args[++i]);
        case "--checkpoint-dir" -> checkpointDir = Path.of(args[++i]).toAbsolutePath();
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
    LogicalProgram planned = ((PlanOutcome.Planned) outcome).program();
    LogicalProgram program = chaining ? OperatorChaining.apply(planned) : planned;
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
    ExecutionOptions options = ExecutionOptions.defaults();
    CheckpointStore store = null;
    if (checkpointIntervalMs > 0) {
      if (checkpointDir == null) {
        throw new IllegalArgumentException("--checkpoint-interval-ms needs --checkpoint-dir");
      }
      store = new LocalCheckpointStore(checkpointDir);
      listener.coordinator = new CheckpointCoordinator(
          "bench", store, ExecutionSpec.allSubtasks(program), 3, ProcessingClock.system());
      options = options.withCheckpointStore(store);
    }
    ScheduledExecutorService trigger = Executors.newSingleThreadScheduledExecutor();
    int[] skipped = {0};
    long cpuBefore = os.getProcessCpuTime();
    long start = System.nanoTime();
    try (BufferAllocator allocator = new RootAllocator()) {
      try (JobExecution job = JobExecution.start(
          new ExecutionSpec("bench", program, ExecutionSpec.allSubtasks(program), registry, listener),
          options.withParentAllocator(allocator))) {
        listener.job.set(job);
        if (checkpointIntervalMs > 0) {
          trigger.scheduleAtFixedRate(() -> {
            // One checkpoint in flight at a time, as the supervisor does; a slow one skips ticks.
            listener.coordinator.begin(false).ifPresentOrElse(
                epoch -> job.triggerCheckpoint(epoch, false), () -> skipped[0]++);
          }, checkpointIntervalMs, checkpointIntervalMs, TimeUnit.MILLISECONDS);
        }
        if (!job.awaitTermination(Duration.ofHours(2))) {
          throw new IllegalStateException("job did not finish");
        }
      } finally {
        trigger.shutdownNow();
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
    List<Long> durations = List.copyOf(listener.checkpointMicros);
    String checkpoints = String.format(Locale.ROOT,
        ",\"checkpoint_interval_ms\":%d,\"checkpoints\":%d,\"checkpoint_ticks_skipped\":%d,"
            + "\"checkpoint_mean_ms\":%.1f,\"checkpoint_max_ms\":%.1f,\"checkpoint_bytes_last\":%d",
        checkpointIntervalMs, durations.size(), skipped[0],
        durations.stream().mapToLong(Long::longValue).average().orElse(0) / 1000.0,
        durations.stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0, lastCheckpointBytes(store));
    String json = String.format(Locale.ROOT,
        "{\"engine\":\"tributary\",\"tag\":\"%s\",\"query\":\"%s\",\"parallelism\":%d,\"events\":%d,"
            + "\"output_rows\":%d,\"plan_ms\":%d,\"wall_s\":%.3f,\"events_per_s\":%.0f,"
            + "\"cpu_s\":%.3f,\"events_per_cpu_s\":%.0f,\"process_cpu_s\":%.3f,"
            + "\"events_per_process_cpu_s\":%.0f,\"since_jvm_start_ms\":%d,\"peak_rss_mb\":%d}",
        tag, Path.of(query).getFileName(), parallelism, events, blackhole.rows.sum(), planNanos / 1_000_000,
        wall, events / wall, cpu, events / cpu, cpuTotal, events / cpuTotal, sinceJvmMs, rssKb / 1024);
    json = json.substring(0, json.length() - 1) + checkpoints + "}";
    System.out.println("RESULT " + json);
  }

  /** Bytes of the newest complete checkpoint (0 without one). */
  static long lastCheckpointBytes(CheckpointStore store) throws IOException {
    if (!(store instanceof LocalCheckpointStore local)) {
      return 0;
    }
    OptionalLong epoch = CheckpointCoordinator.latestCompleted(store, "bench");
    if (epoch.isEmpty()) {
      return 0;
    }
    long bytes = 0;
    for (String path : store.list(CheckpointPaths.epochDirectory("bench", epoch.getAsLong()))) {
      bytes += Files.size(local.root().resolve(path));
    }
    return bytes;
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
