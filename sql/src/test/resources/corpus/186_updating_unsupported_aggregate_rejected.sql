-- expect: error 3:11 The aggregate function STDDEV_POP is not supported by this version of Tributary's planner
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT k, stddev_pop(v) FROM events GROUP BY k;
