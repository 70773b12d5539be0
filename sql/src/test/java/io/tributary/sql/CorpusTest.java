package io.tributary.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.proto.program.EdgeType;
import io.tributary.proto.program.Node;
import io.tributary.sql.diagnostic.Diagnostic;
import io.tributary.sql.explain.ProgramExplainer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every SQL file under {@code corpus/}. Each file states its expected outcome in header
 * comments, which are part of the query text (so error positions count them):
 * <ul>
 *   <li>{@code -- expect: plans}, optionally {@code -- nodes: source projection sink} (operator
 *       kinds in node order), {@code -- explain: text} (a line the explanation contains) and
 *       {@code -- warning: text}; a file {@code NAME.explain} beside {@code NAME.sql} is the exact
 *       text its EXPLAIN statement must give;
 *   <li>{@code -- expect: error LINE:COLUMN message} (the first error starts there and its message
 *       contains the text); more {@code -- error: LINE:COLUMN message} lines for further errors.
 * </ul>
 */
class CorpusTest {
    private static final Pattern ERROR = Pattern.compile("(\\d+):(\\d+)\\s+(.*)");

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path root = Path.of(Objects.requireNonNull(CorpusTest.class.getResource("/corpus")).toURI());
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(file -> file.toString().endsWith(".sql")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void plansAsExpected(Path file) throws IOException {
        String sql = Files.readString(file, StandardCharsets.UTF_8);
        List<String> headers = sql.lines()
                .takeWhile(line -> line.startsWith("--"))
                .map(line -> line.substring(2).trim())
                .toList();
        String expect = header(headers, "expect:").getFirst();
        PlanOutcome outcome = TributarySql.plan(sql, new PlannerOptions(2, false));

        if (expect.equals("plans")) {
            assertThat(outcome).as("%s: %s", file.getFileName(), outcome.diagnostics())
                    .isInstanceOf(PlanOutcome.Planned.class);
            PlanOutcome.Planned planned = (PlanOutcome.Planned) outcome;
            String explanation = ProgramExplainer.explain(planned.program());
            for (String nodes : header(headers, "nodes:")) {
                assertThat(planned.program().getNodesList().stream()
                        .map(node -> node.getOperators(0).getName())
                        .toList())
                        .as(explanation)
                        .containsExactlyElementsOf(Arrays.asList(nodes.split("\\s+")));
            }
            for (String line : header(headers, "explain:")) {
                assertThat(explanation).contains(line);
            }
            Path golden = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.sql$", ".explain"));
            if (Files.exists(golden)) {
                assertThat(planned.explanation()).as("%s has a golden explanation, so it needs an EXPLAIN",
                        file.getFileName()).isPresent();
                assertThat(planned.explanation().get()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
            }
            for (String warning : header(headers, "warning:")) {
                assertThat(planned.warnings()).extracting(Diagnostic::message).anySatisfy(
                        message -> assertThat(message).contains(warning));
            }
            // Planned at parallelism 2; what cannot be split (a global window, a file sink) runs on one
            // subtask, and forward edges always join equal parallelism.
            assertThat(planned.program().getNodesList()).allSatisfy(node -> assertThat(node.getParallelism()).isIn(1, 2));
            assertThat(planned.program().getNodesList()).filteredOn(node -> node.getOperators(0).hasSource())
                    .allSatisfy(node -> assertThat(node.getParallelism()).isEqualTo(2));
            var parallelism = planned.program().getNodesList().stream()
                    .collect(Collectors.toMap(Node::getNodeId, Node::getParallelism));
            assertThat(planned.program().getEdgesList())
                    .filteredOn(edge -> edge.getType() == EdgeType.FORWARD)
                    .allSatisfy(edge -> assertThat(parallelism.get(edge.getSourceNode()))
                            .isEqualTo(parallelism.get(edge.getTargetNode())));
            assertThat(planned.program().getNodesList().stream().map(Node::getNodeId).distinct().count())
                    .isEqualTo(planned.program().getNodesCount());
        } else {
            assertThat(outcome).as("%s should fail", file.getFileName()).isInstanceOf(PlanOutcome.Failed.class);
            List<String> expected = new ArrayList<>();
            expected.add(expect.replaceFirst("^error\\s+", ""));
            expected.addAll(header(headers, "error:"));
            List<Diagnostic> errors = outcome.diagnostics();
            for (String error : expected) {
                Matcher matcher = ERROR.matcher(error);
                assertThat(matcher.matches()).as("malformed expectation '%s'", error).isTrue();
                int line = Integer.parseInt(matcher.group(1));
                int column = Integer.parseInt(matcher.group(2));
                String message = matcher.group(3);
                assertThat(errors).as("%s", file.getFileName()).anySatisfy(diagnostic -> {
                    assertThat(diagnostic.span().start().line()).isEqualTo(line);
                    assertThat(diagnostic.span().start().column()).isEqualTo(column);
                    assertThat(diagnostic.message()).contains(message);
                });
            }
            assertThat(errors).allSatisfy(diagnostic -> {
                assertThat(diagnostic.message()).doesNotContain("Exception", "\tat ", "From line");
            });
        }
    }

    private static List<String> header(List<String> headers, String key) {
        return headers.stream().filter(h -> h.startsWith(key)).map(h -> h.substring(key.length()).trim()).toList();
    }
}
