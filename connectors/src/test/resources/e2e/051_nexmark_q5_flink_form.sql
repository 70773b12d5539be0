-- Nexmark q5 as Flink writes it: the per-window maximum groups the windowed counts by their
-- renamed bounds again, and the join on the bounds alone keeps the counts reaching it.
-- tables: bid, results

INSERT INTO results
SELECT per_auction.auction, per_auction.num, per_auction.wstart, per_auction.wend
FROM (
  SELECT auction, COUNT(*) AS num, window_start AS wstart, window_end AS wend
  FROM TABLE(HOP(TABLE bid, DESCRIPTOR(date_time), INTERVAL '30' SECOND, INTERVAL '1' MINUTE))
  GROUP BY auction, window_start, window_end
) AS per_auction
JOIN (
  SELECT MAX(cnt.num) AS max_num, cnt.wstart, cnt.wend
  FROM (
    SELECT COUNT(*) AS num, window_start AS wstart, window_end AS wend
    FROM TABLE(HOP(TABLE bid, DESCRIPTOR(date_time), INTERVAL '30' SECOND, INTERVAL '1' MINUTE))
    GROUP BY auction, window_start, window_end
  ) AS cnt
  GROUP BY cnt.wstart, cnt.wend
) AS top
ON per_auction.wstart = top.wstart AND per_auction.wend = top.wend AND per_auction.num >= top.max_num;
