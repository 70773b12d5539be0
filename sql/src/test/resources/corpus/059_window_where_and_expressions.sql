-- expect: plans
-- nodes: source watermark projection window_aggregate projection sink
-- explain: projection UPPER(k) AS key, v * 2 AS arg0 WHERE k <> 'skip'
-- explain: doubled = sum(arg0)
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts)
WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT upper(k) AS key, tumble(interval '1 minute') AS window, sum(v * 2) AS doubled
FROM events
WHERE k <> 'skip'
GROUP BY upper(k), window;
