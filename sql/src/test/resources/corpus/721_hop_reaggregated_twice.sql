-- expect: plans
-- Three levels over one HOP window: every level's window_start is its window's end minus the width (10 minutes), not the slide it runs as.
-- explain: node 11: projection window_end - INTERVAL '600 seconds' AS window_start, window_end, most
-- explain: window_aggregate tumbling 1 minute: max(keys) AS most
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT window_start, window_end, MAX(keys) AS most FROM (
  SELECT window_start, window_end, v, count(*) AS keys FROM (
    SELECT k, window_start, window_end, SUM(v) AS v
    FROM TABLE(HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '10' MINUTE))
    GROUP BY k, window_start, window_end)
  GROUP BY window_start, window_end, v)
GROUP BY window_start, window_end;
