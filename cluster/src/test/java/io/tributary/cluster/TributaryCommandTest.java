package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static io.tributary.cluster.ClusterPipelines.awaitCheckpoint;
import static io.tributary.cluster.ClusterPipelines.awaitState;
import static io.tributary.cluster.ClusterPipelines.create;
import static io.tributary.cluster.ClusterPipelines.job;
import static io.tributary.cluster.ClusterPipelines.rows;

import io.tributary.api.client.TributaryClient;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.StopType;
import io.tributary.pipeline.auth.ApiKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(rows(output)).containsExactlyInAnyOrder(
                Map.of("id", 2, "name", "GRACE", "double_price", 25.0),
                Map.of("id", 3, "name", "EDSGER", "double_price", 80.0));
    }

    @Test
    void runResumesThePipelineAnEarlierRunStoppedWithACheckpoint() throws Exception {
        Path state = dir.resolve("state");
        Path output = dir.resolve("counters.json");
        String query = """
                CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '100', message_count = '2000');
                CREATE TABLE output WITH (connector = 'single_file', path = '%s', format = 'json', type = 'sink');
                INSERT INTO output SELECT counter FROM impulse_source;
                """.formatted(output);
        Path sql = write("resume.sql", query);
        // What an interrupted run leaves behind: the pipeline, stopped with a final checkpoint mid-way.
        try (EmbeddedCluster cluster = ClusterPipelines.start(state)) {
            TributaryClient client = new TributaryClient(cluster.apiUrl());
            Pipeline pipeline = create(client, "resume", query, Optional.of(500_000L));
            awaitCheckpoint(client, pipeline.id(), job(client, pipeline.id()).id());
            client.stopPipeline(pipeline.id(), StopType.CHECKPOINT);
            awaitState(client, pipeline.id(), "Stopped");
        }
        assertThat(rows(output)).hasSizeLessThan(2000);

        int status = command().execute(new String[] {"run", "--state-dir", state.toString(), sql.toString()});

        assertThat(status).as(err.toString()).isZero();
        assertThat(err.toString()).contains("resuming pipeline").contains("finished");
        assertThat(rows(output)).extracting(row -> ((Number) row.get("counter")).longValue())
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, 2000).boxed().toList());
    }

    @Test
    void runAggregatesEventTimeWindowsPerKeyAtParallelismTwo() throws Exception {
        Path input = dir.resolve("events.json");
        Path output = dir.resolve("counts.json");
        Files.writeString(input, """
                {"k": "a", "v": 1, "ts": "2023-10-09T17:00:10"}
                {"k": "b", "v": 2, "ts": "2023-10-09T17:00:20"}
                {"k": "a", "v": 3, "ts": "2023-10-09T17:00:50"}
                {"k": "a", "v": 4, "ts": "2023-10-09T17:01:05"}
                {"k": "b", "v": 5, "ts": "2023-10-09T17:01:30"}
                """);
        Path sql = write("windows.sql", """
                CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL,
                    WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (
                    connector = 'single_file', path = '%s', format = 'json', type = 'source');
                CREATE TABLE counts WITH (connector = 'single_file', path = '%s', format = 'json', type = 'sink');
                INSERT INTO counts
                SELECT k, tumble(interval '1 minute') AS window, count(*) AS n, sum(v) AS total
                FROM events GROUP BY k, window;
                """.formatted(input, output));

        int status = command().execute(new String[] {"run", "--parallelism", "2", "--state-dir",
                dir.resolve("state").toString(), sql.toString()});

        assertThat(status).as(err.toString()).isZero();
        assertThat(rows(output)).containsExactlyInAnyOrder(
                window("a", "17:00", "17:01", 2, 4),
                window("b", "17:00", "17:01", 1, 2),
                window("a", "17:01", "17:02", 1, 4),
                window("b", "17:01", "17:02", 1, 5));
    }

    @Test
    void runJoinsTwoFilesPerEventTimeWindowKeepingUnmatchedLeftRows() throws Exception {
        Path orders = dir.resolve("orders.json");
        Path payments = dir.resolve("payments.json");
        Path output = dir.resolve("joined.json");
        Files.writeString(orders, """
                {"id": 1, "amount": 10.0, "ts": "2023-10-09T17:00:05"}
                {"id": 2, "amount": 20.0, "ts": "2023-10-09T17:00:30"}
                {"id": 3, "amount": 30.0, "ts": "2023-10-09T17:01:10"}
                """);
        Files.writeString(payments, """
                {"order_id": 1, "paid": 10.0, "ts": "2023-10-09T17:00:40"}
                {"order_id": 3, "paid": 30.0, "ts": "2023-10-09T17:02:05"}
                """);
        Path sql = write("join.sql", """
                CREATE TABLE orders (id BIGINT, amount DOUBLE, ts TIMESTAMP NOT NULL,
                    WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (
                    connector = 'single_file', path = '%s', format = 'json', type = 'source');
                CREATE TABLE payments (order_id BIGINT, paid DOUBLE, ts TIMESTAMP NOT NULL,
                    WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (
                    connector = 'single_file', path = '%s', format = 'json', type = 'source');
                CREATE TABLE joined WITH (connector = 'single_file', path = '%s', format = 'json', type = 'sink');
                INSERT INTO joined
                SELECT o.id, o.amount, p.paid, o.window_start
                FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) o
                LEFT JOIN TABLE(TUMBLE(TABLE payments, DESCRIPTOR(ts), INTERVAL '1' MINUTE)) p
                ON o.id = p.order_id AND o.window_start = p.window_start AND o.window_end = p.window_end;
                """.formatted(orders, payments, output));

        int status = command().execute(new String[] {"run", "--parallelism", "2", "--state-dir",
                dir.resolve("state").toString(), sql.toString()});

        assertThat(status).as(err.toString()).isZero();
        Map<String, Object> unpaidTwo = new HashMap<>(Map.of("id", 2, "amount", 20.0,
                "window_start", "2023-10-09T17:00:00"));
        unpaidTwo.put("paid", null);
        Map<String, Object> unpaidThree = new HashMap<>(Map.of("id", 3, "amount", 30.0,
                "window_start", "2023-10-09T17:01:00"));
        unpaidThree.put("paid", null);
        assertThat(rows(output)).containsExactlyInAnyOrder(
                Map.of("id", 1, "amount", 10.0, "paid", 10.0, "window_start", "2023-10-09T17:00:00"),
                unpaidTwo,
                unpaidThree);
    }

    @Test
    void runWritesAnUpdatingAggregateAsADebeziumChangelogThatReplaysToTheCounts() throws Exception {
        Path input = dir.resolve("clicks.json");
        Path output = dir.resolve("click_counts.json");
        StringBuilder clicks = new StringBuilder();
        Map<String, Integer> expected = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            String user = "user" + (i * 7 % 11);
            expected.merge(user, 1, Integer::sum);
            clicks.append("{\"user\": \"").append(user).append("\", \"n\": ").append(i).append("}\n");
        }
        Files.writeString(input, clicks);
        Path sql = write("counts.sql", """
                CREATE TABLE clicks ("user" TEXT, n BIGINT) WITH (
                    connector = 'single_file', path = '%s', format = 'json', type = 'source');
                CREATE TABLE click_counts WITH (
                    connector = 'single_file', path = '%s', format = 'debezium_json', type = 'sink');
                INSERT INTO click_counts SELECT "user", count(*) AS clicks FROM clicks GROUP BY "user";
                """.formatted(input, output));

        int status = command().execute(new String[] {"run", "--parallelism", "2", "--state-dir",
                dir.resolve("state").toString(), sql.toString()});

        assertThat(status).as(err.toString()).isZero();
        Map<String, Integer> replayed = new TreeMap<>();
        for (Map<String, Object> change : rows(output)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = (Map<String, Object>) (change.get("op").equals("d") ? change.get("before") : change.get("after"));
            if (change.get("op").equals("d")) {
                assertThat(replayed.remove((String) row.get("user"), ((Number) row.get("clicks")).intValue()))
                        .as("a retraction of a row that was added: %s", change).isTrue();
            } else {
                assertThat(change.get("op")).isEqualTo("c");
                assertThat(replayed.put((String) row.get("user"), ((Number) row.get("clicks")).intValue()))
                        .as("one current row per user: %s", change).isNull();
            }
        }
        assertThat(replayed).isEqualTo(expected);
    }

    private static Map<String, Object> window(String key, String start, String end, int count, int total) {
        return Map.of("k", key, "n", count, "total", total, "window",
                Map.of("start", "2023-10-09T" + start + ":00", "end", "2023-10-09T" + end + ":00"));
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
    void validateExplainsACumulatingWindowAndLocatesAnUnknownMetadataKey() throws Exception {
        Path explained = write("cumulate.sql", """
                CREATE TABLE events (k TEXT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (
                    connector = 'single_file', path = 'events.json', format = 'json', type = 'source');
                EXPLAIN SELECT k, window_start, window_end, count(*) AS n
                FROM TABLE(CUMULATE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '1' HOUR))
                GROUP BY k, window_start, window_end;
                """);
        assertThat(command().execute(new String[] {"validate", explained.toString()})).isZero();
        assertThat(out.toString()).contains("window cumulating 1 hour every 1 minute");

        Path broken = write("metadata.sql", """
                CREATE TABLE events (k TEXT, n BIGINT METADATA FROM 'offset') WITH (
                    connector = 'single_file', path = 'events.json', format = 'json', type = 'source');
                SELECT k, n FROM events;
                """);
        assertThat(command().execute(new String[] {"validate", broken.toString()})).isEqualTo(TributaryCommand.FAILED);
        assertThat(err.toString()).startsWith(broken + ":1:53: ").contains("provides no metadata 'offset'")
                .contains("it offers 'path'");
    }

    @Test
    void apiKeyCreatePrintsAKeyThatIsStoredOnlyAsItsHash() {
        int status = command().execute(new String[] {"api-key", "create", "ci", "--state-dir", dir.toString()});

        assertThat(status).as(err.toString()).isZero();
        String key = out.toString().strip();
        assertThat(key).startsWith("trb_");
        ApiKeys keys = ApiKeys.migrating(EmbeddedCluster.embeddedDatabaseUrl(dir), "sa", "");
        assertThat(keys.exists(ApiKeys.hash(key))).isTrue();
        assertThat(keys.exists(ApiKeys.hash(key + "x"))).isFalse();
    }

    @Test
    void apiKeyWithoutANameIsAUsageError() {
        int status = command().execute(new String[] {"api-key", "create"});

        assertThat(status).isEqualTo(TributaryCommand.USAGE);
        assertThat(err.toString()).contains("api-key create takes one NAME");
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
