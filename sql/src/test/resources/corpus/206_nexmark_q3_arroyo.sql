-- expect: plans
-- Nexmark, Arroyo's form: the nexmark connector's struct columns; windows as GROUP BY functions. q3: local item suggestion (join without a window, state kept for updating_ttl).
CREATE TABLE nexmark WITH (connector = 'nexmark', event_rate = '1000');
CREATE VIEW auctions AS SELECT nexmark.auction.id AS id, nexmark.auction.seller AS seller, nexmark.auction.category AS category, nexmark.auction.datetime AS datetime, nexmark.auction.expires AS expires FROM nexmark WHERE nexmark.auction IS NOT NULL;
CREATE VIEW persons AS SELECT nexmark.person.id AS id, nexmark.person.name AS name, nexmark.person.city AS city, nexmark.person.state AS state FROM nexmark WHERE nexmark.person IS NOT NULL;
EXPLAIN SELECT P.name, P.city, P.state, A.id FROM auctions AS A INNER JOIN persons AS P ON A.seller = P.id WHERE A.category = 10 AND (P.state = 'OR' OR P.state = 'ID' OR P.state = 'CA');
