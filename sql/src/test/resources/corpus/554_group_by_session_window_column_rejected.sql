-- expect: error 3:1 Rows of a session window cannot be aggregated by window again
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT window, max(n) AS top
FROM (SELECT session(interval '1 minute') AS window, k, count(*) AS n FROM events GROUP BY 1, 2)
GROUP BY window;
