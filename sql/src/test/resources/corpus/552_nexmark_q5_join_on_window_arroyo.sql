-- expect: plans
-- Arroyo's Nexmark q5: the hottest auctions per hop window, joining the counts with the per-window maximum on the window struct (a windowed join: rows of one window share a _timestamp).
-- explain: window_aggregate tumbling 30 seconds: max(num) AS maxn
-- explain: join INNER on num = maxn window tumbling 30 seconds
CREATE TABLE bid (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP NOT NULL, WATERMARK FOR date_time AS date_time - INTERVAL '2' SECOND) WITH (connector = 'single_file', path = '/data/bids.json', format = 'json', type = 'source');
SELECT AuctionBids.auction, AuctionBids.num, AuctionBids.window
FROM (SELECT auction, count(*) AS num, hop(interval '30 seconds', interval '1 minute') AS window FROM bid GROUP BY auction, window) AS AuctionBids
JOIN (
  SELECT max(num) AS maxn, hop(interval '30 seconds', interval '1 minute') AS window
  FROM (SELECT count(*) AS num, hop(interval '30 seconds', interval '1 minute') AS window FROM bid GROUP BY auction, window) AS CountBids
  GROUP BY window
) AS MaxBids
ON AuctionBids.window = MaxBids.window AND AuctionBids.num = MaxBids.maxn;
