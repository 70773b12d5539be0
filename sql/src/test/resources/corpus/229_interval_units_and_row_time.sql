-- expect: plans
-- explain: window sliding 1 hour every 15 minutes
-- explain: at_time = ROW_TIME()
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP NOT NULL, WATERMARK FOR ts AS ts - INTERVAL '5' SECOND) WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT k, hop(INTERVAL '15' MINUTE, INTERVAL '1' HOUR) AS window, count(*) AS n FROM events GROUP BY k, window;
SELECT k, row_time() AS at_time, ts + INTERVAL '2' DAY AS later, ts - INTERVAL '30' SECOND AS earlier FROM events;
