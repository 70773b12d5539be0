-- expect: plans
-- Nexmark, Arroyo's form: the nexmark connector's struct columns; windows as GROUP BY functions. q8: new users who opened auctions (windowed join of two windowed aggregates).
CREATE TABLE nexmark WITH (connector = 'nexmark', event_rate = '1000');
CREATE VIEW auctions AS SELECT nexmark.auction.id AS id, nexmark.auction.seller AS seller, nexmark.auction.category AS category, nexmark.auction.datetime AS datetime, nexmark.auction.expires AS expires FROM nexmark WHERE nexmark.auction IS NOT NULL;
CREATE VIEW persons AS SELECT nexmark.person.id AS id, nexmark.person.name AS name, nexmark.person.city AS city, nexmark.person.state AS state FROM nexmark WHERE nexmark.person IS NOT NULL;
EXPLAIN SELECT P.id, P.name, P.window FROM (SELECT id, name, tumble(interval '10 seconds') AS window FROM persons GROUP BY 1, 2, 3) P JOIN (SELECT seller, tumble(interval '10 seconds') AS window FROM auctions GROUP BY 1, 2) A ON P.id = A.seller AND P.window = A.window;
