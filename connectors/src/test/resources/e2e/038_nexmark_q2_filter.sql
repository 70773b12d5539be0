-- Nexmark q2-like: bids on chosen auctions.
-- tables: bid, results

INSERT INTO results
SELECT auction, price FROM bid WHERE auction % 2 = 1 AND price > 60;
