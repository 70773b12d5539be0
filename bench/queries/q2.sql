-- Nexmark q2 (selection): bids whose auction id is a multiple of 123.
INSERT INTO sink_out
SELECT auction, price
FROM bid
WHERE auction % 123 = 0;
