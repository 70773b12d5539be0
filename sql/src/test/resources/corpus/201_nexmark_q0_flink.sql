-- expect: plans
-- Nexmark, Flink's form: one table per event kind with a WATERMARK; windows as table functions. q0: pass-through.
CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, channel TEXT, url TEXT, date_time TIMESTAMP(3) NOT NULL, extra TEXT, WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND) WITH (connector = 'single_file', path = '/data/bid.json', format = 'json', type = 'source');
EXPLAIN SELECT auction, bidder, price, date_time, extra FROM bid;
