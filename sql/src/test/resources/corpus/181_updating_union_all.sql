-- expect: plans
-- explain: _is_retract = FALSE
-- explain: union of 2 inputs
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT k, count(*) AS n FROM events GROUP BY k
UNION ALL
SELECT k, v FROM events;
