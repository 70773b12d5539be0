-- expect: plans
-- nodes: source watermark projection sink
-- explain: watermark ts - INTERVAL '60 seconds'
CREATE TABLE events (id TEXT, ts TIMESTAMP, WATERMARK FOR ts AS ts - interval '1 minute')
WITH (connector = 'single_file', path = '/in.json', format = 'json', type = 'source');
SELECT id::bigint AS n, CAST(id AS INT) AS m FROM events;
