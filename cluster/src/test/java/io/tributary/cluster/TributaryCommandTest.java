package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.client.ApiJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;

class TributaryCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void runCopiesTheRowsAFileToFileQueryKeepsAndFinishes() throws Exception {
        Path input = dir.resolve("in.json");
        Path output = dir.resolve("out.json");
        Files.writeString(input, """
                {"id": 1, "name": "ada", "price": 5.0}
                {"id": 2, "name": "grace", "price": 12.5}
                {"id": 3, "name": "edsger", "price": 40.0}
                {"id": 4, "name": "barbara", "price": 10.0}
                """);
        Path sql = write("copy.sql", """
                CREATE TABLE input (id BIGINT, name TEXT, price DOUBLE) WITH (
                    connector = 'single_file', path = '%s', format = 'json', type = 'source');
                CREATE TABLE output WITH (connector = 'single_file', path = '%s', format = 'json', type = 'sink');
                INSERT INTO output SELECT id, upper(name) AS name, price * 2 AS double_price FROM input WHERE price > 10;
                """.formatted(input, output));

        int status = command().execute(new String[] {"run", "--state-dir", dir.resolve("state").toString(), sql.toString()});

        assertThat(status).as(err.toString()).isZero();
        assertThat(err.toString()).contains("finished");
        List<Map<String, Object>> rows = Files.readAllLines(output).stream()
                .filter(line -> !line.isBlank())
                .map(line -> ApiJson.mapper().readValue(line, new TypeReference<Map<String, Object>>() {}))
                .toList();
        assertThat(rows).containsExactlyInAnyOrder(
                Map.of("id", 2, "name", "GRACE", "double_price", 25.0),
                Map.of("id", 3, "name", "EDSGER", "double_price", 80.0));
    }

    @Test
    void runReportsAPlanningErrorAtItsLineAndColumn() throws Exception {
        Path sql = write("broken.sql", """
                CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '100', message_count = '5');
                SELECT missing_column FROM impulse_source;
                """);

        int status = command().execute(new String[] {"run", "--state-dir", dir.toString(), sql.toString()});

        assertThat(status).isEqualTo(TributaryCommand.FAILED);
        assertThat(err.toString()).startsWith(sql + ":2:8: ").contains("missing_column");
    }

    @Test
    void validatePrintsTheOperatorGraph() throws Exception {
        Path sql = write("valid.sql", """
                CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '100', message_count = '5');
                SELECT counter FROM impulse_source WHERE counter > 1;
                """);

        int status = command().execute(new String[] {"validate", sql.toString()});

        assertThat(status).isZero();
        assertThat(out.toString()).contains("impulse");
    }

    @Test
    void unknownOptionIsAUsageError() {
        int status = command().execute(new String[] {"run", "--fast", "x.sql"});

        assertThat(status).isEqualTo(TributaryCommand.USAGE);
        assertThat(err.toString()).contains("unknown option --fast").contains("usage:");
    }

    private TributaryCommand command() {
        return new TributaryCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }
}
