-- Flink's CUMULATE table function: windows of 1, 2 and 3 minutes from each 3-minute period's start.
-- tables: events, results

INSERT INTO results
SELECT window_start, window_end, kind, count(*) AS n, sum(qty) AS qty
FROM TABLE(CUMULATE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '3' MINUTE))
GROUP BY window_start, window_end, kind;
