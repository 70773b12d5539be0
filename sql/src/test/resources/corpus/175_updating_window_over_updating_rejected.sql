-- expect: error 4:18 A windowed aggregate cannot read an updating stream: its input (GROUP BY without a window) retracts and replaces rows
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
CREATE VIEW per_key AS SELECT k, count(*) AS n FROM events GROUP BY k;
SELECT count(*), tumble(interval '1 minute') AS window FROM per_key GROUP BY window;
