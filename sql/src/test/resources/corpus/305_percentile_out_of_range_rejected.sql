-- expect: error 3:37 approx_percentile_cont needs a constant percentile between 0 and 1 as argument 2, not '1.5'
CREATE TABLE events (k TEXT, v BIGINT, x DOUBLE, y DOUBLE, ok BOOLEAN, w INT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT k, approx_percentile_cont(x, 1.5) FROM events GROUP BY k;
