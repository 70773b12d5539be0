-- expect: plans
-- Rows of a CUMULATE window aggregated again by window_start and window_end: each window ends at its own step, so a tumbling window of the step gathers it, with its start carried as a key.
-- explain: window_aggregate tumbling 1 minute by window_start: count(*) AS keys
-- explain: keys (window_start)
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT window_start, window_end, count(*) AS keys FROM (
SELECT k, window_start, window_end, count(*) AS n
FROM TABLE(CUMULATE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '1' HOUR))
GROUP BY k, window_start, window_end)
GROUP BY window_start, window_end;
