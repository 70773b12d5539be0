-- Nexmark q5 (hot items), the Flink anchor's queries/q5.sql: per sliding window (10 s every 2 s)
-- the auctions with the most bids. The per-window maximum groups the windowed counts by their
-- window again (the same window, append-only), and the join of the two on the window bounds is a
-- windowed join keyed by the window with num >= max_num as its residual condition.
INSERT INTO sink_out
SELECT per_auction.auction, per_auction.num, per_auction.wstart, per_auction.wend
FROM (
    SELECT auction, COUNT(*) AS num, window_start AS wstart, window_end AS wend
    FROM TABLE(HOP(TABLE bid, DESCRIPTOR(date_time), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
    GROUP BY auction, window_start, window_end
) AS per_auction
JOIN (
    SELECT MAX(cnt.num) AS max_num, cnt.wstart, cnt.wend
    FROM (
        SELECT COUNT(*) AS num, window_start AS wstart, window_end AS wend
        FROM TABLE(HOP(TABLE bid, DESCRIPTOR(date_time), INTERVAL '2' SECOND, INTERVAL '10' SECOND))
        GROUP BY auction, window_start, window_end
    ) AS cnt
    GROUP BY cnt.wstart, cnt.wend
) AS top
ON per_auction.wstart = top.wstart
   AND per_auction.wend = top.wend
   AND per_auction.num >= top.max_num;
