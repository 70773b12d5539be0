-- expect: plans
-- Flink's form of 550: GROUP BY window_start, window_end of a window table function's aggregate.
-- nodes: source watermark projection window_aggregate projection projection window_aggregate projection sink
-- explain: window_aggregate tumbling 2 seconds: max(num) AS maxn
CREATE TABLE bid (auction BIGINT, price BIGINT, date_time TIMESTAMP(3) NOT NULL, WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND) WITH (connector = 'single_file', path = '/data/bid.json', format = 'json', type = 'source');
SELECT window_start, window_end, max(num) AS maxn
FROM (SELECT auction, count(*) AS num, window_start, window_end FROM TABLE(HOP(TABLE bid, DESCRIPTOR(date_time), INTERVAL '2' SECOND, INTERVAL '10' SECOND)) GROUP BY auction, window_start, window_end)
GROUP BY window_start, window_end;
