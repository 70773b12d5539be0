-- expect: plans
-- Nexmark, Arroyo's form: the nexmark connector's struct columns; windows as GROUP BY functions. q0: pass-through.
CREATE TABLE nexmark WITH (connector = 'nexmark', event_rate = '1000');
CREATE VIEW bids AS SELECT nexmark.bid.auction AS auction, nexmark.bid.bidder AS bidder, nexmark.bid.price AS price, nexmark.bid.datetime AS datetime, nexmark.bid.extra AS extra FROM nexmark WHERE nexmark.bid IS NOT NULL;
EXPLAIN SELECT auction, bidder, price, datetime, extra FROM bids;
