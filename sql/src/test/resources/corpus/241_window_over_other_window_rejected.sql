-- expect: error 3:8 This tumbling 5 minutes window aggregates rows of a tumbling 1 minute window; a window over windowed rows must be the same window
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT tumble(interval '5 minutes') AS window, max(n) AS top
FROM (SELECT tumble(interval '1 minute') AS window, k, count(*) AS n FROM events GROUP BY 1, 2)
GROUP BY 1;
