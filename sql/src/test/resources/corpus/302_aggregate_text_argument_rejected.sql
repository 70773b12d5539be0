-- expect: error 4:10 stddev cannot take TEXT argument 'k'; it takes a numeric argument
CREATE TABLE events (k TEXT, v BIGINT, x DOUBLE, y DOUBLE, ok BOOLEAN, w INT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT w,
  stddev(k) AS sd FROM events GROUP BY w;
