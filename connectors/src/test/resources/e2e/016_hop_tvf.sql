-- Flink's HOP table function with a key.
-- tables: events, results

INSERT INTO results
SELECT window_start, window_end, kind, count(*) AS n
FROM TABLE(HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '2' MINUTE))
GROUP BY window_start, window_end, kind;
