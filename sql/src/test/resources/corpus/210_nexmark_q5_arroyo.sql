-- expect: plans
-- Nexmark, Arroyo's form: the nexmark connector's struct columns; windows as GROUP BY functions. q5: bids per auction in sliding windows (the hot-items count; the max over it would read an updating stream).
CREATE TABLE nexmark WITH (connector = 'nexmark', event_rate = '1000');
CREATE VIEW bids AS SELECT nexmark.bid.auction AS auction, nexmark.bid.bidder AS bidder, nexmark.bid.price AS price, nexmark.bid.datetime AS datetime, nexmark.bid.extra AS extra FROM nexmark WHERE nexmark.bid IS NOT NULL;
EXPLAIN SELECT auction, hop(interval '2 seconds', interval '10 seconds') AS window, count(*) AS num FROM bids GROUP BY 1, 2;
