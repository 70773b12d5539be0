-- expect: plans
-- Flink's form of 552: the windows equated by window_start and window_end.
-- explain: join INNER on num = maxn window tumbling 2 seconds
CREATE TABLE bid (auction BIGINT, price BIGINT, date_time TIMESTAMP(3) NOT NULL, WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND) WITH (connector = 'single_file', path = '/data/bid.json', format = 'json', type = 'source');
SELECT a.auction, a.num, a.window_start, a.window_end
FROM (SELECT auction, count(*) AS num, window_start, window_end FROM TABLE(HOP(TABLE bid, DESCRIPTOR(date_time), INTERVAL '2' SECOND, INTERVAL '10' SECOND)) GROUP BY auction, window_start, window_end) a
JOIN (SELECT max(num) AS maxn, window_start, window_end FROM (SELECT auction, count(*) AS num, window_start, window_end FROM TABLE(HOP(TABLE bid, DESCRIPTOR(date_time), INTERVAL '2' SECOND, INTERVAL '10' SECOND)) GROUP BY auction, window_start, window_end) GROUP BY window_start, window_end) m
ON a.window_start = m.window_start AND a.window_end = m.window_end AND a.num = m.maxn;
