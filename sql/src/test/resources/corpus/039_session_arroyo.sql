-- expect: plans
-- nodes: source watermark projection window_aggregate projection sink
-- explain: window session gap 30 seconds
-- explain: lo = min(v)
-- explain: hi = max(v)
CREATE TABLE events (
  k TEXT,
  v BIGINT,
  other_ts TIMESTAMP,
  ts TIMESTAMP NOT NULL,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT k, session(interval '30 seconds') AS window, min(v) AS lo, max(v) AS hi
FROM events
GROUP BY window, k;
