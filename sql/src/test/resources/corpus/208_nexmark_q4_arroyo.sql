-- expect: plans
-- Nexmark, Arroyo's form: the nexmark connector's struct columns; windows as GROUP BY functions. q4: average closing price per category (updating aggregate over an updating aggregate; preview accepts updates).
CREATE TABLE nexmark WITH (connector = 'nexmark', event_rate = '1000');
CREATE VIEW auctions AS SELECT nexmark.auction.id AS id, nexmark.auction.seller AS seller, nexmark.auction.category AS category, nexmark.auction.datetime AS datetime, nexmark.auction.expires AS expires FROM nexmark WHERE nexmark.auction IS NOT NULL;
CREATE VIEW bids AS SELECT nexmark.bid.auction AS auction, nexmark.bid.bidder AS bidder, nexmark.bid.price AS price, nexmark.bid.datetime AS datetime, nexmark.bid.extra AS extra FROM nexmark WHERE nexmark.bid IS NOT NULL;
EXPLAIN SELECT Q.category, AVG(Q.final) AS avg_price FROM (SELECT MAX(B.price) AS final, A.category FROM auctions A JOIN bids B ON A.id = B.auction WHERE B.datetime BETWEEN A.datetime AND A.expires GROUP BY A.id, A.category) Q GROUP BY Q.category;
