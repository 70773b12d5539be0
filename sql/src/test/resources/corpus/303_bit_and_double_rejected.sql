-- expect: error 3:19 bit_and cannot take DOUBLE argument 'x'; it takes an integer argument
CREATE TABLE events (k TEXT, v BIGINT, x DOUBLE, y DOUBLE, ok BOOLEAN, w INT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT k, bit_and(x) FROM events GROUP BY k;
