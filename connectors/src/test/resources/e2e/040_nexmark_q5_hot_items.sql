-- Nexmark q5-like: the auctions with the most bids in each hopping window (a windowed join on the maximum).
-- tables: bid, results

INSERT INTO results
SELECT AuctionBids.auction, AuctionBids.num, AuctionBids.window
FROM (
  SELECT auction, count(*) AS num, hop(interval '30 seconds', interval '1 minute') AS window
  FROM bid GROUP BY auction, window
) AS AuctionBids
JOIN (
  SELECT max(num) AS maxn, hop(interval '30 seconds', interval '1 minute') AS window
  FROM (
    SELECT count(*) AS num, hop(interval '30 seconds', interval '1 minute') AS window
    FROM bid GROUP BY auction, window
  ) AS CountBids
  GROUP BY window
) AS MaxBids
ON AuctionBids.window = MaxBids.window AND AuctionBids.num = MaxBids.maxn;
