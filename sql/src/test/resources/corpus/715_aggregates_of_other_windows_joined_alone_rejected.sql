-- expect: error 8:35 The inputs of a windowed join must use the same window
CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP(3) NOT NULL, WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND) WITH (connector = 'single_file', path = '/data/bid.json', format = 'json', type = 'source');
WITH hopped AS (SELECT auction, COUNT(*) AS num, window_start, window_end
                FROM TABLE(HOP(TABLE bid, DESCRIPTOR(date_time), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
                GROUP BY auction, window_start, window_end),
     tumbled AS (SELECT MAX(price) AS top, window_start, window_end
                 FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(date_time), INTERVAL '10' SECOND)) GROUP BY window_start, window_end)
SELECT h.auction FROM hopped AS h JOIN tumbled AS t ON h.window_start = t.window_start AND h.window_end = t.window_end AND h.num > t.top;
