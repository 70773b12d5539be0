-- expect: plans
-- nodes: source watermark projection window_aggregate projection sink
-- explain: window session gap 1 minute
-- explain: keys (k)
CREATE TABLE events (
  k TEXT,
  v BIGINT,
  other_ts TIMESTAMP,
  ts TIMESTAMP NOT NULL,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT k, window_start, window_end, sum(v) AS total
FROM TABLE(SESSION(TABLE events, DESCRIPTOR(ts), DESCRIPTOR(k), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, k;
