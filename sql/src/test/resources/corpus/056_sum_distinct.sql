-- expect: plans
-- explain: sum(DISTINCT v)
CREATE TABLE events (
  k TEXT,
  v BIGINT,
  other_ts TIMESTAMP,
  ts TIMESTAMP NOT NULL,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT k, tumble(interval '1 minute') AS window, sum(DISTINCT v)
FROM events GROUP BY k, window;
