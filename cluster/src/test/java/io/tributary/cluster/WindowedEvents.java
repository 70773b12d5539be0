package io.tributary.cluster;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;

/**
 * A file of JSON events with explicit, increasing event times ({@code rowsPerSecond} a second of event
 * time, keys round robin), the pipeline that counts them per key in one-second tumbling windows into
 * a {@code single_file} sink, and the rows that pipeline must write.
 */
record WindowedEvents(int rows, int keys, int rowsPerSecond) {
    private static final LocalDateTime START = LocalDateTime.of(2026, 1, 1, 0, 0);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    WindowedEvents {
        if (rows < 1 || keys < 1 || rowsPerSecond < 1) {
            throw new IllegalArgumentException("rows, keys and rowsPerSecond must be positive: " + rows + ", " + keys
                    + ", " + rowsPerSecond);
        }
    }

    void write(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < rows; i++) {
                out.write("{\"k\": " + key(i) + ", \"v\": " + i + ", \"ts\": \"" + TIME.format(time(i)) + "\"}\n");
            }
        }
    }

    String query(Path input, Path output) {
        return """
                CREATE TABLE events (k BIGINT, v BIGINT, ts TIMESTAMP NOT NULL,
                    WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) WITH (
                    connector = 'single_file', path = '%s', format = 'json', type = 'source');
                CREATE TABLE counts WITH (connector = 'single_file', path = '%s', format = 'json', type = 'sink');
                INSERT INTO counts
                SELECT k, window_start, count(*) AS n, sum(v) AS total
                FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' SECOND))
                GROUP BY k, window_start, window_end;
                """.formatted(input, output);
    }

    /** What the pipeline writes: one row per key and second, as "k window_start n total", sorted. */
    List<String> expected() {
        Map<String, long[]> windows = new HashMap<>();
        for (int i = 0; i < rows; i++) {
            String window = TIME.format(time(i).withNano(0)).replace(".000", "");
            long[] counts = windows.computeIfAbsent(key(i) + " " + window, k -> new long[2]);
            counts[0]++;
            counts[1] += i;
        }
        List<String> expected = new ArrayList<>();
        windows.forEach((window, counts) -> expected.add(window + " " + counts[0] + " " + counts[1]));
        expected.sort(null);
        return expected;
    }

    /** The rows a pipeline wrote, in the form of {@link #expected()} (duplicates kept). */
    static List<String> written(Path output) throws Exception {
        return ClusterPipelines.rows(output).stream()
                .map(row -> row.get("k") + " " + row.get("window_start") + " " + row.get("n") + " " + row.get("total"))
                .sorted()
                .toList();
    }

    private long key(int i) {
        return i % keys;
    }

    private LocalDateTime time(int i) {
        return START.plusNanos((long) i * 1_000_000_000L / rowsPerSecond);
    }
}
