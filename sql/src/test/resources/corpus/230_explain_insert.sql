-- expect: plans
-- explain: 3 -> 4 SHUFFLE keys (k)
-- explain: state: accumulators per key and window, dropped when the watermark passes the window's end
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
CREATE TABLE counts WITH (connector = 'stdout');
EXPLAIN INSERT INTO counts SELECT k, tumble(interval '1 minute') AS window, count(*) AS n FROM events GROUP BY k, window;
