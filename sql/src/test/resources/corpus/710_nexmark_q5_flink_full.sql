-- expect: plans
-- Nexmark q5 as Flink writes it: the per-window maximum of windowed counts (grouped again by the renamed window bounds) joined back on the bounds alone, with num >= max_num as the residual condition.
-- explain: window_aggregate tumbling 2 seconds: max(num) AS max_num
-- explain: join INNER on wend = wend AND num >= max_num window tumbling 2 seconds
CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP(3) NOT NULL, WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND) WITH (connector = 'single_file', path = '/data/bid.json', format = 'json', type = 'source');
SELECT per_auction.auction, per_auction.num, per_auction.wstart, per_auction.wend
FROM (SELECT auction, COUNT(*) AS num, window_start AS wstart, window_end AS wend
      FROM TABLE(HOP(TABLE bid, DESCRIPTOR(date_time), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
      GROUP BY auction, window_start, window_end) AS per_auction
JOIN (SELECT MAX(cnt.num) AS max_num, cnt.wstart, cnt.wend
      FROM (SELECT COUNT(*) AS num, window_start AS wstart, window_end AS wend
            FROM TABLE(HOP(TABLE bid, DESCRIPTOR(date_time), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
            GROUP BY auction, window_start, window_end) AS cnt
      GROUP BY cnt.wstart, cnt.wend) AS top
ON per_auction.wstart = top.wstart AND per_auction.wend = top.wend AND per_auction.num >= top.max_num;
