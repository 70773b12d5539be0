-- Nexmark q1-like: bids converted to another currency.
-- tables: bid, results

INSERT INTO results
SELECT auction, bidder, CAST(price AS DOUBLE) * 0.908 AS price_eur, date_time
FROM bid;
