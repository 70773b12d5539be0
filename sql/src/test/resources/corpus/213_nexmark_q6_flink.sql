-- expect: plans
-- Nexmark, Flink's form: one table per event kind with a WATERMARK; windows as table functions. q6: average bid per bidder in tumbling windows (the original's OVER window is not planned).
CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, channel TEXT, url TEXT, date_time TIMESTAMP(3) NOT NULL, extra TEXT, WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND) WITH (connector = 'single_file', path = '/data/bid.json', format = 'json', type = 'source');
EXPLAIN SELECT bidder, window_start, window_end, avg(price) AS avg_price FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(date_time), INTERVAL '10' SECOND)) GROUP BY bidder, window_start, window_end;
