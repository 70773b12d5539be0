-- expect: error 5:1 besides window_start and window_end (only aggregates over a window can be joined on their window alone)
CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP(3) NOT NULL, WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND) WITH (connector = 'single_file', path = '/data/bid.json', format = 'json', type = 'source');
CREATE TABLE ask (auction BIGINT, price BIGINT, date_time TIMESTAMP(3) NOT NULL, WATERMARK FOR date_time) WITH (connector = 'single_file', path = '/data/ask.json', format = 'json', type = 'source');
SELECT b.auction, a.auction FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(date_time), INTERVAL '10' SECOND)) AS b
JOIN TABLE(TUMBLE(TABLE ask, DESCRIPTOR(date_time), INTERVAL '10' SECOND)) AS a
ON b.window_start = a.window_start AND b.window_end = a.window_end AND b.price > a.price;
