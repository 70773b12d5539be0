-- expect: plans
-- Nexmark, Arroyo's form: the nexmark connector's struct columns; windows as GROUP BY functions. q7: highest bid (bids joined with each window's maximum).
CREATE TABLE nexmark WITH (connector = 'nexmark', event_rate = '1000');
CREATE VIEW bids AS SELECT nexmark.bid.auction AS auction, nexmark.bid.bidder AS bidder, nexmark.bid.price AS price, nexmark.bid.datetime AS datetime, nexmark.bid.extra AS extra FROM nexmark WHERE nexmark.bid IS NOT NULL;
EXPLAIN SELECT B.auction, B.price, B.bidder, B.datetime, B.extra FROM bids B JOIN (SELECT tumble(interval '10 seconds') AS window, max(price) AS maxprice FROM bids GROUP BY 1) B1 ON B.price = B1.maxprice;
