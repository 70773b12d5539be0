-- Flink's SESSION table function, 20-second gap.
-- tables: events, results

INSERT INTO results
SELECT window_start, window_end, count(*) AS n
FROM TABLE(SESSION(TABLE events, DESCRIPTOR(ts), INTERVAL '20' SECOND))
GROUP BY window_start, window_end;
