-- expect: error 3:20 bool_and cannot take BIGINT argument 'v'; it takes a BOOLEAN argument
CREATE TABLE events (k TEXT, v BIGINT, x DOUBLE, y DOUBLE, ok BOOLEAN, w INT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT k, bool_and(v) FROM events GROUP BY k;
