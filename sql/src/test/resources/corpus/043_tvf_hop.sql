-- expect: plans
-- nodes: source watermark projection window_aggregate projection sink
-- explain: window sliding 10 minutes every 5 minutes
CREATE TABLE events (k TEXT, v BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts)
WITH (connector = 'single_file', path = '/data/events.json', format = 'json', type = 'source');
SELECT window_start, window_end, count(*) AS n
FROM TABLE(HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '5' MINUTE, INTERVAL '10' MINUTE))
GROUP BY window_start, window_end;
