package io.tributary.connectors.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tributary.connectors.SqlJobs;
import io.tributary.connectors.SqlJobs.Controller;
import io.tributary.connectors.redis.LocalRedis;
import io.tributary.connectors.redis.RedisConnector;
import io.tributary.engine.checkpoint.CheckpointCoordinator;
import io.tributary.engine.checkpoint.CheckpointStore;
import io.tributary.engine.checkpoint.LocalCheckpointStore;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.engine.runtime.ExecutionOptions;
import io.tributary.engine.runtime.ExecutionSpec;
import io.tributary.engine.runtime.JobExecution;
import io.tributary.engine.time.ProcessingClock;
import io.tributary.proto.program.LogicalProgram;
import io.tributary.proto.program.Node;
import io.tributary.sql.TributarySql;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The end-to-end SQL corpus ({@code src/test/resources/e2e/}): every {@code NAME.sql} is planned
 * with {@link TributarySql#plan} and run on {@link JobExecution} with the real connectors, reading
 * JSON-lines files from {@code $input_dir} and writing one {@code single_file} sink at
 * {@code $output_path}. Each case is run twice:
 *
 * <ol>
 *   <li>straight through at parallelism 1; the sink's rows must equal {@code NAME.expected}
 *       (order aside; floats to 9 significant digits; for a {@code debezium_json} sink, the
 *       table left after applying every "c" and "d");
 *   <li>the smoke pattern: at parallelism 1 with a checkpoint store, the sources see a first
 *       part of their files, a checkpoint is taken, they see a second part, and the job stops
 *       with a checkpoint; the files are completed and the checkpoint restored at parallelism 2
 *       or 3 and run to the end. The exactly-once sink's whole output must equal the straight
 *       run's.
 * </ol>
 *
 * <p>A case's first-part and second-part sizes default to a third and two thirds of each file's
 * lines; a line {@code -- chunks: A, B} in the SQL sets them (in lines, for every input). A
 * {@code NAME.skip} file skips the case, its text saying which bug it is waiting for. A line
 * {@code -- tables: A, B} stands for the shared definitions {@code tables/A.sql} and
 * {@code tables/B.sql}, in that order, so that cases over the same inputs declare them alike. A file
 * {@code NAME.redis} holds Redis keys and values ({@code key TAB value} per line) for lookup tables:
 * see {@link #withRedis}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SqlCorpusTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Pattern INPUT = Pattern.compile("\\$input_dir/([A-Za-z0-9_.-]+)");
  private static final Pattern CHUNKS = Pattern.compile("(?m)^--\\s*chunks:\\s*(\\d+)\\s*,\\s*(\\d+)\\s*$");
  private static final Pattern TABLES = Pattern.compile("(?m)^--[ \\t]*tables:[ \\t]*(.+?)[ \\t]*$");
  private static final MathContext DIGITS = new MathContext(9);

  @TempDir
  Path work;

  private final List<LocalRedis> redisFixtures = new ArrayList<>();

  @TestFactory
  Stream<DynamicTest> corpus() throws IOException, URISyntaxException {
    Path corpus = Path.of(SqlCorpusTest.class.getResource("/e2e").toURI());
    List<Path> cases;
    try (Stream<Path> files = Files.list(corpus)) {
      cases = files.filter(file -> file.getFileName().toString().endsWith(".sql")).sorted().toList();
    }
    assertThat(cases).as("cases in %s", corpus).hasSizeGreaterThanOrEqualTo(30);
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      Path sql = cases.get(i);
      String name = sql.getFileName().toString().replaceFirst("\\.sql$", "");
      int restoreParallelism = 2 + i % 2;
      tests.add(DynamicTest.dynamicTest(name, sql.toUri(), () -> run(corpus, name, restoreParallelism)));
    }
    return tests.stream();
  }

  private void run(Path corpus, String name, int restoreParallelism) throws Exception {
    Path skip = corpus.resolve(name + ".skip");
    Assumptions.assumeFalse(Files.exists(skip),
        () -> name + " skipped: " + read(skip).strip());
    String sql = withRedis(corpus, name, withTables(corpus, Files.readString(corpus.resolve(name + ".sql"))));
    Path expectedFile = corpus.resolve(name + ".expected");
    Path inputs = corpus.resolve("inputs");
    List<String> inputNames = new ArrayList<>(new TreeSet<>(INPUT.matcher(sql).results().map(m -> m.group(1)).toList()));
    for (String input : inputNames) {
      assertThat(inputs.resolve(input)).as("%s reads input %s", name, input).exists();
    }
    Path caseDir = Files.createDirectories(work.resolve(name));

    // 1. Straight through.
    Path straightOut = caseDir.resolve("straight/out.json");
    List<String> straight = straight(name, substitute(sql, inputs, straightOut), straightOut);
    Result actual = Result.of(straight, true);
    String record = System.getenv("TRIBUTARY_E2E_RECORD");
    if (record != null) {
      // Writes what the engine produced, for a person to check before it becomes NAME.expected.
      Files.write(Path.of(record).resolve(name + ".actual"), actual.rows().entrySet().stream()
          .map(row -> row.getValue() + "\t" + row.getKey()).toList());
      Files.write(Path.of(record).resolve(name + ".raw"), straight);
    }
    assertThat(expectedFile).as("%s needs %s.expected", name, name).exists();
    Result expected = Result.of(Files.readAllLines(expectedFile).stream().filter(line -> !line.isBlank()).toList(),
        false);
    compare(name + " (straight run)", "expected", expected, actual);

    // 2. The smoke pattern.
    Path smokeInputs = Files.createDirectories(caseDir.resolve("smoke-in"));
    Path smokeOut = caseDir.resolve("smoke/out.json");
    String smokeSql = substitute(sql, smokeInputs, smokeOut);
    int[] chunks = chunks(sql);
    Map<String, List<String>> lines = new TreeMap<>();
    for (String input : inputNames) {
      lines.put(input, Files.readAllLines(inputs.resolve(input)));
      Files.write(smokeInputs.resolve(input), new byte[0]);
    }
    CheckpointStore store = new LocalCheckpointStore(caseDir.resolve("checkpoints"));
    LogicalProgram first = SqlJobs.plan(name, smokeSql, 1);
    GatedFileConnector.Gate gate = new GatedFileConnector.Gate();
    Controller controller = new Controller(name, new CheckpointCoordinator(
        "job", store, ExecutionSpec.allSubtasks(first), 3, ProcessingClock.system()), WAIT);
    int sources = sourceSubtasks(first);
    long stopEpoch;
    appendPart(smokeInputs, lines, chunks, 0);
    gate.advance();
    try (JobExecution job = JobExecution.start(new ExecutionSpec("job", first, ExecutionSpec.allSubtasks(first),
        ConnectorRegistry.of(new GatedFileConnector(gate), new RedisConnector()), controller, OptionalLong.empty()),
        ExecutionOptions.defaults().withCheckpointStore(store))) {
      controller.job.set(job);
      awaitSources(name, gate, sources, controller);
      controller.checkpoint(false);
      appendPart(smokeInputs, lines, chunks, 1);
      gate.advance();
      awaitSources(name, gate, sources, controller);
      stopEpoch = controller.checkpoint(true);
      assertThat(job.awaitTermination(WAIT)).as("%s: the job ends after its stop checkpoint", name).isTrue();
    }
    assertThat(controller.failures).as("%s: failures of the checkpointed run", name).isEmpty();
    appendPart(smokeInputs, lines, chunks, 2);

    LogicalProgram restored = SqlJobs.plan(name, smokeSql, restoreParallelism);
    SqlJobs.runToEnd(name + ": the run restored at parallelism " + restoreParallelism, "job", restored,
        OptionalLong.of(stopEpoch), ExecutionOptions.defaults().withCheckpointStore(store), WAIT);
    compare(name + " (checkpointed, stopped, restored at parallelism " + restoreParallelism + ")",
        "straight run", actual, Result.of(readLines(smokeOut), true));
  }

  // ---- running ----

  private static List<String> straight(String name, String sql, Path out) throws Exception {
    SqlJobs.runToEnd(name + ": the straight run", "straight", SqlJobs.plan(name, sql, 1), OptionalLong.empty(),
        ExecutionOptions.defaults(), WAIT);
    return readLines(out);
  }

  private static int sourceSubtasks(LogicalProgram program) {
    int sources = 0;
    for (Node node : program.getNodesList()) {
      if (node.getOperatorsCount() > 0 && node.getOperators(0).hasSource()) {
        sources += node.getParallelism();
      }
    }
    return sources;
  }

  private static void awaitSources(String name, GatedFileConnector.Gate gate, int sources, Controller controller)
      throws InterruptedException {
    if (!gate.awaitCaughtUp(sources, WAIT.toMillis())) {
      fail("%s: the %s sources did not read their input (failures: %s)", name, sources, controller.failures);
    }
  }

  /** Appends part 0, 1 or 2 of every input to its copy. */
  private static void appendPart(Path dir, Map<String, List<String>> lines, int[] chunks, int part)
      throws IOException {
    for (var input : lines.entrySet()) {
      List<String> all = input.getValue();
      int start = Math.min(part == 0 ? 0 : boundary(chunks, part - 1, all.size()), all.size());
      int end = part == 2 ? all.size() : Math.min(boundary(chunks, part, all.size()), all.size());
      if (end > start) {
        Files.writeString(dir.resolve(input.getKey()), String.join("\n", all.subList(start, end)) + "\n",
            StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      }
    }
  }

  private static int boundary(int[] chunks, int index, int size) {
    return chunks == null ? size * (index + 1) / 3 : chunks[index];
  }

  private static int[] chunks(String sql) {
    Matcher matcher = CHUNKS.matcher(sql);
    return matcher.find() ? new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))} : null;
  }

  /** The case's SQL with its {@code -- tables:} line replaced by those tables' shared definitions. */
  private static String withTables(Path corpus, String sql) throws IOException {
    Matcher matcher = TABLES.matcher(sql);
    if (!matcher.find()) {
      return sql;
    }
    StringBuilder definitions = new StringBuilder();
    for (String table : matcher.group(1).split("\\s*,\\s*")) {
      definitions.append(Files.readString(corpus.resolve("tables").resolve(table + ".sql")));
    }
    return matcher.replaceFirst(Matcher.quoteReplacement(definitions.toString().stripTrailing()));
  }

  /**
   * For a case with {@code NAME.redis} (lines of {@code key TAB value}): writes those keys to the local
   * Redis under a prefix of this run, and fills {@code $redis_address} and {@code $redis_prefix} in.
   */
  private String withRedis(Path corpus, String name, String sql) throws IOException {
    Path fixtures = corpus.resolve(name + ".redis");
    if (!Files.exists(fixtures)) {
      return sql;
    }
    LocalRedis redis = LocalRedis.connect();
    redisFixtures.add(redis);
    for (String line : Files.readAllLines(fixtures)) {
      if (!line.isBlank()) {
        String[] keyAndValue = line.split("\t", 2);
        redis.set(keyAndValue[0], keyAndValue[1]);
      }
    }
    return sql.replace("$redis_address", LocalRedis.ADDRESS).replace("$redis_prefix", redis.prefix());
  }

  @AfterEach
  void deleteRedisFixtures() {
    redisFixtures.forEach(LocalRedis::close);
  }

  private static String substitute(String sql, Path inputDir, Path output) {
    return sql.replace("$input_dir", inputDir.toString()).replace("$output_path", output.toString());
  }

  private static List<String> readLines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList() : List.of();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }

  // ---- comparing ----

  /**
   * Rows as canonical text (fields sorted by name, numbers to 9 significant digits) with their
   * multiplicity; for a changelog, the net table.
   */
  private record Result(Map<String, Integer> rows, boolean changelog, List<String> raw) {
    static Result of(List<String> lines, boolean detectChangelog) {
      List<JsonNode> nodes = lines.stream().map(line -> (JsonNode) JSON.readTree(line)).toList();
      boolean changelog = detectChangelog && !nodes.isEmpty() && nodes.stream().allMatch(Result::isEnvelope);
      Map<String, Integer> rows = new TreeMap<>();
      for (JsonNode node : nodes) {
        if (changelog) {
          boolean delete = node.get("op").stringValue().equals("d");
          rows.merge(canonical(node.get(delete ? "before" : "after")), delete ? -1 : 1, Integer::sum);
        } else {
          rows.merge(canonical(node), 1, Integer::sum);
        }
      }
      rows.values().removeIf(count -> count == 0);
      return new Result(rows, changelog, lines);
    }

    private static boolean isEnvelope(JsonNode node) {
      return node.isObject() && node.has("op") && node.has("before") && node.has("after") && node.size() <= 5;
    }
  }

  private static String canonical(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    if (node.isObject()) {
      Map<String, String> fields = new TreeMap<>();
      for (var property : node.properties()) {
        fields.put(property.getKey(), canonical(property.getValue()));
      }
      return fields.toString();
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(canonical(item)));
      return items.toString();
    }
    if (node.isNumber()) {
      BigDecimal value = node.decimalValue();
      if (value.abs().compareTo(new BigDecimal("1e-9")) < 0) {
        return "0";
      }
      return value.round(DIGITS).stripTrailingZeros().toPlainString();
    }
    if (node.isString()) {
      return "'" + node.stringValue() + "'";
    }
    return node.toString();
  }

  private static void compare(String what, String baseline, Result expected, Result actual) {
    Map<String, Integer> missing = new TreeMap<>();
    Map<String, Integer> unexpected = new TreeMap<>();
    for (var row : expected.rows().entrySet()) {
      int difference = row.getValue() - actual.rows().getOrDefault(row.getKey(), 0);
      if (difference > 0) {
        missing.put(row.getKey(), difference);
      }
    }
    for (var row : actual.rows().entrySet()) {
      int difference = row.getValue() - expected.rows().getOrDefault(row.getKey(), 0);
      if (difference > 0) {
        unexpected.put(row.getKey(), difference);
      }
    }
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      fail("%s: the sink's %s differs from the %s%n  missing (row=copies): %s%n  unexpected (row=copies): %s%n"
              + "  sink output (%s lines):%n    %s",
          what, actual.changelog() ? "net table" : "rows", baseline, missing, unexpected, actual.raw().size(),
          String.join("\n    ", actual.raw()));
    }
  }
}
