-- expect: plans
-- nodes: source watermark projection window_aggregate projection sink
-- explain: where n > 10
CREATE TABLE events (
  k TEXT,
  v BIGINT,
  other_ts TIMESTAMP,
  ts TIMESTAMP NOT NULL,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
CREATE VIEW per_minute AS
SELECT k, tumble(interval '1 minute') AS window, count(*) AS n FROM events GROUP BY k, window;
SELECT k, window, n FROM per_minute WHERE n > 10;
