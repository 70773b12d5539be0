-- Flink's TUMBLE table function.
-- tables: events, results

INSERT INTO results
SELECT window_start, window_end, user_name, count(*) AS n, sum(amount) AS spent
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, user_name;
