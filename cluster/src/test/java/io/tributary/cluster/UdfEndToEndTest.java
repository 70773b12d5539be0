package io.tributary.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.client.TributaryApiException;
import io.tributary.api.model.GlobalUdf;
import io.tributary.api.model.Pipeline;
import io.tributary.api.model.UdfPost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A user's Java UDF: stored through the API, compiled by the compiler service, called by a pipeline on a worker. */
class UdfEndToEndTest extends SharedClusterTest {
    @Test
    void aPipelineCallsAStoredUdf() throws Exception {
        GlobalUdf udf = client.createUdf(new UdfPost("", """
                package com.example;

                import io.tributary.api.udf.Udf;

                public class Scoring {
                    @Udf
                    public static String grade(long points, Double bonus) {
                        double total = points + (bonus == null ? 0 : bonus);
                        return total >= 10 ? "high" : "low";
                    }
                }
                """, Optional.of("grades points")));
        assertThat(udf.name()).isEqualTo("grade");
        Path input = home.resolve("points.json");
        Files.writeString(input, """
                {"id": 1, "points": 3, "bonus": 1.5}
                {"id": 2, "points": 9, "bonus": 2.0}
                {"id": 3, "points": 12}
                {"id": 4, "bonus": 50.0}
                """);
        Path output = home.resolve("grades.json");

        Pipeline pipeline = ClusterPipelines.create(client, "grades", """
                CREATE TABLE points (id BIGINT, points INT, bonus DOUBLE) WITH (
                    connector = 'single_file', path = '%s', format = 'json', type = 'source');
                CREATE TABLE grades WITH (
                    connector = 'single_file', path = '%s', format = 'json', type = 'sink');
                INSERT INTO grades SELECT id, grade(points, bonus) AS grade FROM points;
                """.formatted(input, output), Optional.empty());

        ClusterPipelines.assertFinished(client, pipeline.id(), ClusterPipelines.STARTUP);
        assertThat(ClusterPipelines.rows(output)).containsExactlyInAnyOrder(
                Map.of("id", 1, "grade", "low"),
                Map.of("id", 2, "grade", "high"),
                Map.of("id", 3, "grade", "high"),
                // A NULL for the primitive argument: NULL without a call.
                mapWithNull(4));
    }

    @Test
    void anAsyncUdfRunsInItsOwnOperatorAndEveryRowComesOut() throws Exception {
        client.createUdf(new UdfPost("", """
                import io.tributary.api.udf.Udf;
                import java.util.concurrent.CompletableFuture;

                public class Enrich {
                    @Udf(ordered = true, allowedInFlight = 4, timeoutMillis = 30000)
                    public static CompletableFuture<String> enrich(long id) {
                        return CompletableFuture.supplyAsync(() -> "customer-" + id);
                    }
                }
                """, Optional.empty()));
        Path input = home.resolve("orders.json");
        StringBuilder lines = new StringBuilder();
        for (int id = 1; id <= 50; id++) {
            lines.append("{\"id\": ").append(id).append("}\n");
        }
        Files.writeString(input, lines);
        Path output = home.resolve("enriched.json");

        Pipeline pipeline = ClusterPipelines.create(client, "enriched", """
                CREATE TABLE orders (id BIGINT) WITH (
                    connector = 'single_file', path = '%s', format = 'json', type = 'source');
                CREATE TABLE enriched WITH (
                    connector = 'single_file', path = '%s', format = 'json', type = 'sink');
                INSERT INTO enriched SELECT id, upper(customer) AS customer
                FROM (SELECT id, enrich(id) AS customer FROM orders);
                """.formatted(input, output), Optional.empty());

        ClusterPipelines.assertFinished(client, pipeline.id(), ClusterPipelines.STARTUP);
        assertThat(ClusterPipelines.rows(output)).hasSize(50)
                .allSatisfy(row -> assertThat(row.get("customer")).isEqualTo("CUSTOMER-" + row.get("id")));
    }

    @Test
    void aWindowedAggregateCallsAStoredAggregateUdf() throws Exception {
        GlobalUdf udf = client.createUdf(new UdfPost("", """
                package com.example;

                import io.tributary.api.udf.AggregateUdf;

                public class Spread implements AggregateUdf<long[], Long, Long> {
                    public long[] create() { return new long[] {Long.MAX_VALUE, Long.MIN_VALUE}; }
                    public long[] add(long[] range, Long v) {
                        return new long[] {Math.min(range[0], v), Math.max(range[1], v)};
                    }
                    public long[] merge(long[] range, long[] other) {
                        return new long[] {Math.min(range[0], other[0]), Math.max(range[1], other[1])};
                    }
                    public Long result(long[] range) { return range[0] > range[1] ? null : range[1] - range[0]; }
                }
                """, Optional.empty()));
        assertThat(udf.name()).isEqualTo("spread");
        Path input = home.resolve("readings.json");
        Files.writeString(input, """
                {"k": "a", "v": 1, "ts": "2023-10-09T17:00:10"}
                {"k": "b", "v": 2, "ts": "2023-10-09T17:00:20"}
                {"k": "a", "v": 4, "ts": "2023-10-09T17:00:50"}
                {"k": "a", "v": 10, "ts": "2023-10-09T17:01:05"}
                {"k": "b", "v": 5, "ts": "2023-10-09T17:01:30"}
                {"k": "b", "v": 9, "ts": "2023-10-09T17:01:40"}
                """);
        Path output = home.resolve("spreads.json");

        Pipeline pipeline = ClusterPipelines.create(client, "spreads", """
                CREATE TABLE readings (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL,
                    WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (
                    connector = 'single_file', path = '%s', format = 'json', type = 'source');
                CREATE TABLE spreads WITH (
                    connector = 'single_file', path = '%s', format = 'json', type = 'sink');
                INSERT INTO spreads SELECT k, spread(v) AS spread
                FROM readings GROUP BY k, tumble(interval '1 minute');
                """.formatted(input, output), Optional.empty());

        ClusterPipelines.assertFinished(client, pipeline.id(), ClusterPipelines.STARTUP);
        assertThat(ClusterPipelines.rows(output)).containsExactlyInAnyOrder(
                Map.of("k", "a", "spread", 3), Map.of("k", "b", "spread", 0),
                Map.of("k", "a", "spread", 0), Map.of("k", "b", "spread", 4));
    }

    @Test
    void aCallThatDoesNotMatchTheSignatureIsRefusedWithItsPosition() {
        client.createUdf(new UdfPost("", """
                import io.tributary.api.udf.Udf;
                public class Shouter { @Udf public static String shout(String s) { return s.toUpperCase() + "!"; } }
                """, Optional.empty()));

        assertThatThrownBy(() -> ClusterPipelines.create(client, "bad-call", """
                CREATE TABLE impulse_source WITH (connector = 'impulse', event_rate = '10');
                SELECT shout(counter) FROM impulse_source;
                """, Optional.empty()))
                .isInstanceOfSatisfying(TributaryApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).containsIgnoringCase("shout").contains("2:");
                });
    }

    private static Map<String, Object> mapWithNull(int id) {
        Map<String, Object> row = new java.util.HashMap<>();
        row.put("id", id);
        row.put("grade", null);
        return row;
    }
}
