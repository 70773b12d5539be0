-- expect: plans
-- nodes: source watermark projection window_aggregate projection projection window_aggregate projection sink
-- explain: window_aggregate tumbling 1 minute: max(n) AS top
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT tumble(interval '1 minute') AS window, max(n) AS top
FROM (SELECT tumble(interval '1 minute') AS window, k, count(*) AS n FROM events GROUP BY 1, 2)
GROUP BY 1;
