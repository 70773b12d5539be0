-- expect: plans
-- The busiest keys of each CUMULATE window: the per-window maximum (a cascaded aggregate) joined back on the window alone, keyed by window_end, with n >= top as the residual.
-- explain: join INNER on window_end = window_end AND n >= top window tumbling 1 minute
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
WITH per_key AS (SELECT k, window_start, window_end, count(*) AS n
                 FROM TABLE(CUMULATE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '1' HOUR))
                 GROUP BY k, window_start, window_end),
     busiest AS (SELECT window_start, window_end, MAX(n) AS top FROM per_key GROUP BY window_start, window_end)
SELECT p.k, p.n, p.window_start, p.window_end FROM per_key AS p JOIN busiest AS b
ON p.window_start = b.window_start AND p.window_end = b.window_end AND p.n >= b.top;
