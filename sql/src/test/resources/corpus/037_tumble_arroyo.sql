-- expect: plans
-- nodes: source watermark projection window_aggregate projection sink
-- explain: window tumbling 1 minute
-- explain: 3 -> 4 SHUFFLE keys (k)
-- explain: window = ROW(window_start, window_end)
-- explain: emits (k TEXT, window_start TIMESTAMP(9) NOT NULL, window_end TIMESTAMP(9) NOT NULL, n BIGINT NOT NULL, total BIGINT, _timestamp TIMESTAMP(9) NOT NULL)
CREATE TABLE events (
  k TEXT,
  v BIGINT,
  other_ts TIMESTAMP,
  ts TIMESTAMP NOT NULL,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
CREATE TABLE counts WITH (connector = 'stdout');
INSERT INTO counts
SELECT k, tumble(interval '1 minute') AS window, count(*) AS n, sum(v) AS total
FROM events
GROUP BY k, window;
