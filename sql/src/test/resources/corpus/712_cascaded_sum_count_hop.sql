-- expect: plans
-- Aggregates over a windowed aggregate's output grouped by its window again (Flink's cascading window aggregation): SUM and COUNT of the per-auction counts, append-only, one row per hop window.
-- explain: window_aggregate tumbling 2 seconds: sum(num) AS bids, count(*) AS auctions
-- explain: window_start = CAST(window_end - INTERVAL '10 seconds' AS TIMESTAMP(3))
CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP(3) NOT NULL, WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND) WITH (connector = 'single_file', path = '/data/bid.json', format = 'json', type = 'source');
SELECT window_start, window_end, SUM(num) AS bids, COUNT(*) AS auctions
FROM (SELECT auction, COUNT(*) AS num, window_start, window_end
      FROM TABLE(HOP(TABLE bid, DESCRIPTOR(date_time), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
      GROUP BY auction, window_start, window_end)
GROUP BY window_start, window_end;
