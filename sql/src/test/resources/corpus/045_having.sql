-- expect: plans
-- nodes: source watermark projection window_aggregate projection sink
-- explain: where n > 5
CREATE TABLE events (
  k TEXT,
  v BIGINT,
  other_ts TIMESTAMP,
  ts TIMESTAMP NOT NULL,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT k, tumble(interval '1 minute') AS window, count(*) AS n
FROM events
GROUP BY k, window
HAVING count(*) > 5;
